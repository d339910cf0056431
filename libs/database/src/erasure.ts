/** What erasure leaves in place of a candidate's name, and of free text and addresses about them. */
export const ERASED_NAME = 'Erased candidate';
export const ERASED_TEXT = '[erased]';
