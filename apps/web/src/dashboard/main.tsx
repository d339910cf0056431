import '../styles.css';

import { createRoot } from 'react-dom/client';

import { takeTokenFromAddress } from '../auth';
import { DashboardPage } from './DashboardPage';

// out of the address bar before anything else runs; the page trades it for its session
const signInToken = takeTokenFromAddress();
createRoot(document.getElementById('root')!).render(<DashboardPage signInToken={signInToken} />);
