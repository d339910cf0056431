import type { Criterion } from '../dashboard/queries';
import type { FitBand, FormStatus } from '../format';
import type { Calibration } from './CalibrationCard';

// a role's criterion reads the same on the form as on the dashboard
export type { Criterion } from '../dashboard/queries';

/** An interviewer's submitted answers: the form shows them back, the session page lists them. */
export interface FeedbackResponse<RatedCriterion = { id: string; label: string }> {
  overallFit: FitBand;
  strengths: string;
  gaps: string;
  nextSteps: string | null;
  candidateMessage: string | null;
  privateNote: string | null;
  submittedAt: string;
  ratings: { rating: number | null; note: string | null; criterion: RatedCriterion }[];
}

export interface FormView {
  formId: string;
  status: FormStatus;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  sessionEndedAt: string | null;
  interviewerName: string;
  candidateAskedForFeedback: boolean;
  expiresAt: string | null;
  criteria: Criterion[];
  response: FeedbackResponse | null;
  calibration: Calibration | null;
}

const VIEW = `
  formId status candidateName roleTitle sessionTitle sessionEndedAt interviewerName candidateAskedForFeedback expiresAt
  criteria { id label description kind weight }
  response {
    overallFit strengths gaps nextSteps candidateMessage privateNote submittedAt
    ratings { rating note criterion { id label } }
  }
  calibration { sessionsAnswered meanOverallFit peersMeanOverallFit calibrationDelta }`;

export const FEEDBACK_FORM = `query FeedbackForm($token: String!) { feedbackForm(token: $token) { ${VIEW} } }`;
export const SUBMIT_FEEDBACK = `mutation SubmitFeedback($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { ${VIEW} } }`;
export const DECLINE_FORM = `mutation Decline($token: String!, $reason: String!) { declineFeedbackForm(token: $token, reason: $reason) { ${VIEW} } }`;

/** The candidate's first name, as the form speaks of them. */
export const firstNameOf = (view: FormView): string => view.candidateName.split(/\s+/)[0] || view.candidateName;
