/**
 * Thrown for input the deadline engine cannot compute with (a malformed or impossible date, an
 * unknown Land, a missing service date). `field` names the offending input as the caller sent
 * it (e.g. "servedOn[1]"), so the HTTP layer can turn it into a 400 that points at the field.
 */
export class DeadlineInputError extends Error {
  readonly code = 'invalid_deadline_input';

  constructor(
    readonly field: string,
    readonly reason: 'invalid_date' | 'invalid_state' | 'required' | 'invalid_number',
    readonly value?: unknown,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'DeadlineInputError';
  }
}
