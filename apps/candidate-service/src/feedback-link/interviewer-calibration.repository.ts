import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { InterviewerCalibrationModel } from './interviewer-calibration.model';

/** The period an interviewer's calibration covers, counted back from now by the responses' submission. */
export const CALIBRATION_DAYS = 180;

/**
 * One interviewer's rating habits against the organization's, over the last CALIBRATION_DAYS:
 * their responses, the organization's responses (theirs included), and per session they shared
 * with other panel members, their overall fit minus the mean of the others' (whenever those
 * others answered). Only figures leave this query, never another interviewer's identity.
 */
@Injectable()
export class InterviewerCalibrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async calibrationOf(organizationId: string, interviewerId: string): Promise<InterviewerCalibrationModel> {
    const [row] = await this.dataSource.query<
      {
        sessions_answered: number;
        mean_overall_fit: number | null;
        peers_mean_overall_fit: number | null;
        calibration_delta: number | null;
      }[]
    >(
      `WITH mine AS (
         SELECT r.session_id, r.overall_fit
           FROM feedback_responses r
          WHERE r.organization_id = $1 AND r.interviewer_id = $2 AND r.submitted_at >= now() - make_interval(days => $3)
       ),
       shared AS (
         SELECT m.overall_fit - avg(o.overall_fit) AS difference
           FROM mine m
           JOIN feedback_responses o ON o.session_id = m.session_id AND o.interviewer_id <> $2
          GROUP BY m.session_id, m.overall_fit
       )
       SELECT (SELECT count(DISTINCT session_id) FROM mine)::int AS sessions_answered,
              (SELECT avg(overall_fit) FROM mine)::float8 AS mean_overall_fit,
              (SELECT avg(overall_fit) FROM feedback_responses
                WHERE organization_id = $1 AND submitted_at >= now() - make_interval(days => $3))::float8 AS peers_mean_overall_fit,
              (SELECT avg(difference) FROM shared)::float8 AS calibration_delta`,
      [organizationId, interviewerId, CALIBRATION_DAYS],
    );
    return {
      sessionsAnswered: row.sessions_answered,
      meanOverallFit: row.mean_overall_fit,
      peersMeanOverallFit: row.peers_mean_overall_fit,
      calibrationDelta: row.calibration_delta,
    };
  }
}
