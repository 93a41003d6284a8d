/**
 * Local stand-ins for Astrato and DataBrain, for tests, demos and offline development.
 *
 * @module @oemkit/server/testing
 */
export { createAstratoEmulator, type AstratoEmulator, type AstratoEmulatorOptions } from './astrato-emulator.js';
export type { EmulatedWorkbook } from './astrato-embed-workbook.js';
export { parseEmbedLinkState, type EmbedLinkQueryFilter, type EmbedLinkState } from './astrato-link-state.js';
export type { EmulatedGroup, EmulatedUser } from './astrato-state.js';
export type { Emulator, EmulatorCall, ListenOptions, RunningEmulator } from './emulator-core.js';
export { Faults, type Fault, type FaultAction } from './faults.js';
export { createDataBrainEmulator, type DataBrainEmulator, type DataBrainEmulatorOptions, type IssuedGuestToken } from './databrain-emulator.js';
