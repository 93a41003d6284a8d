/** A command line that cannot run as typed: exit code 2 and a pointer to --help. */
export class UsageError extends Error {}
