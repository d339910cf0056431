import { type FormEvent, type ReactNode, useState } from 'react';

import type { Api } from '../api';
import { formatDate } from '../format';
import { Alert, TextField } from '../ui';
import { onlyFields, useSubmission } from '../useSubmission';

export interface CandidateRecordRow {
  id: string;
  name: string;
  legalHold?: boolean;
  erasedAt?: string | null;
}

/**
 * A candidate's rights in the recruiter's directory: when they were erased, or the legal hold
 * (which keeps them past the retention period) and the subject-access export as a JSON file.
 */
export function CandidateRecord({
  api,
  candidate,
  onChanged,
}: {
  api: Api;
  candidate: CandidateRecordRow;
  onChanged(message: string): void;
}): ReactNode {
  const [held, setHeld] = useState(candidate.legalHold === true);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, problem, errors, run } = useSubmission(onlyFields('reason'));

  if (candidate.erasedAt) return <span className="meta candidate-erased">Erased on {formatDate(candidate.erasedAt)}</span>;

  const setHold = (hold: boolean, why: string | null) =>
    run(async () => {
      await api(
        'mutation LegalHold($id: ID!, $hold: Boolean!, $reason: String) { setCandidateLegalHold(id: $id, hold: $hold, reason: $reason) { legalHold } }',
        { id: candidate.id, hold, reason: why },
      );
      setHeld(hold);
      setAsking(false);
      setReason('');
      onChanged(
        hold ? `${candidate.name} is under legal hold: kept past the retention period.` : `Lifted the legal hold on ${candidate.name}.`,
      );
    });

  const exportData = () =>
    run(async () => {
      const data = await api<{ candidateDataExport: { json: string } }>(
        'query ExportCandidate($id: ID!) { candidateDataExport(id: $id) { generatedAt json } }',
        { id: candidate.id },
      );
      const url = URL.createObjectURL(new Blob([data.candidateDataExport.json], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `candidate-${candidate.id}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    });

  const submitHold = (event: FormEvent) => {
    event.preventDefault();
    void setHold(true, reason);
  };

  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={held || asking}
          disabled={busy}
          onChange={(event) => (event.target.checked ? setAsking(true) : held ? void setHold(false, null) : setAsking(false))}
        />{' '}
        Legal hold<span className="sr-only"> for {candidate.name}</span>
      </label>
      {asking && !held ? (
        <form onSubmit={submitHold} noValidate aria-label={`Legal hold for ${candidate.name}`}>
          <TextField
            label="Why is this candidate kept?"
            value={reason}
            onChange={setReason}
            error={errors.reason}
            required
            maxLength={1_000}
          />
          <button type="submit" className="button button-secondary" disabled={busy}>
            Put under legal hold
          </button>
        </form>
      ) : null}
      <button type="button" className="button-link" onClick={exportData} disabled={busy}>
        Export data<span className="sr-only"> of {candidate.name}</span>
      </button>
      {problem ? <Alert>{problem}</Alert> : null}
    </>
  );
}
