/**
 * Local stand-ins for Astrato and DataBrain, for tests, demos and offline development.
 *
 * @module @oemkit/server/testing
 */
export { createAstratoEmulator, type AstratoEmulator } from './testing/astrato-emulator.js';
export type { AstratoEmulatorOptions } from './testing/astrato-emulator-options.js';
export type { EmulatedWorkbook } from './testing/astrato-embed-workbook.js';
export { parseEmbedLinkState, type EmbedLinkQueryFilter, type EmbedLinkState } from './testing/astrato-link-state.js';
export type { EmulatedGroup, EmulatedUser, TicketReuse } from './testing/astrato-state.js';
export type { Emulator, EmulatorCall, ListenOptions, RunningEmulator } from './testing/emulator-core.js';
export type { TlsIdentity } from './testing/self-signed-certificate.js';
export { Faults, type Fault, type FaultAction } from './testing/faults.js';
export { createDataBrainEmulator, type DataBrainEmulator, type DataBrainEmulatorOptions, type IssuedGuestToken } from './testing/databrain-emulator.js';
