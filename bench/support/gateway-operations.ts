// What bench:gateway measures: the recruiter it signs in as and the three operations it sends.

export const JWT_ISSUER = 'https://id.bench.example/';
export const JWT_AUDIENCE = 'closer-bench';
export const IDENTITY = {
  sub: 'bench-recruiter',
  org: 'bench-gateway',
  email: 'recruiter@bench-gateway.test',
  name: 'Bench Recruiter',
  role: 'recruiter',
};

export const ME = '{ me { id name email role organization { id slug name feedbackDeadlineHours reminderHours minResponsesForAnswer } } }';
export const DASHBOARD = `query Dashboard($from: DateTime, $to: DateTime) {
  closingFeedbackDashboard(from: $from, to: $to) {
    from to sessionsCompleted fitFeedbackRequested formsSent formsSubmitted responseRate medianHoursToFeedback
    answersReleased answersWithheld formsDeclined medianHoursToAnswer helpfulRate
    fitDistribution { band count }
    criteria { criterion { id label kind weight } roleTitle averageRating ratedCount lackingCount }
    interviewers { interviewer { id name } formsSent formsSubmitted medianHoursToFeedback averageOverallFit calibrationDelta }
    weekly { weekStart sessionsCompleted responseRate averageFitScore }
  }
}`;

/** A completed session of a panel of three, its forms (most answered, with their ratings) and its composed answer. */
export const SESSION = `query Session($id: ID!) {
  session(id: $id) {
    id title status startsAt endsAt completedAt feedbackDueAt fitFeedbackRequested
    candidate { id name email }
    role { id title answerPolicy criteria { id label kind weight } }
    interviewers { id name email }
    forms {
      id status sentAt openedAt submittedAt expiresAt remindersSent lastError
      interviewer { id name email }
      response {
        id overallFit strengths gaps nextSteps candidateMessage privateNote submittedAt
        interviewer { id name }
        ratings { rating note criterion { id label kind weight } }
      }
    }
    answer { id status fitBand fitScore profile { criterion kind level } strengths gaps nextSteps message responsesCount flags withheldReason releasedAt helpful }
  }
}`;

export const OPERATION_NAMES = ['me', 'session', 'closingFeedbackDashboard'] as const;

export interface Operation {
  name: (typeof OPERATION_NAMES)[number];
  query: string;
  variables: Record<string, unknown>;
}
