// Type-level tests, checked by `tsc --noEmit` in test/emit/typecheck.test.ts: each documented
// parameter set of Invoke-MgRejectCommunicationCall is accepted, and mixes are compile errors.
import { CommandTextInvoker } from 'cmdlet-ts/runtime';
import { invokeMgRejectCommunicationCall, type InvokeMgRejectCommunicationCallParameters } from '../../generated/Microsoft.Graph.CloudCommunications/Invoke-MgRejectCommunicationCall.js';

const invoker = new CommandTextInvoker();

export const accepted: InvokeMgRejectCommunicationCallParameters[] = [
  { callId: 'c1', reason: 'busy', callbackUri: 'https://example.com/cb' },
  { callId: 'c1', bodyParameter: { reason: 'none' } },
  { inputObject: { CallId: 'c1' }, reason: 'busy' },
  { inputObject: { CallId: 'c1' }, bodyParameter: { reason: 'none' }, whatIf: true },
];

// @ts-expect-error callId (Reject, RejectExpanded) cannot go with inputObject (the identity sets).
void invokeMgRejectCommunicationCall(invoker, { callId: 'c1', inputObject: { CallId: 'c1' } });

// @ts-expect-error bodyParameter (Reject) cannot go with reason (RejectExpanded).
void invokeMgRejectCommunicationCall(invoker, { callId: 'c1', bodyParameter: {}, reason: 'busy' });

// @ts-expect-error every set needs callId or inputObject.
void invokeMgRejectCommunicationCall(invoker, { reason: 'busy' });
