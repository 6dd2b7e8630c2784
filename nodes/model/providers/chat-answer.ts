import { usageOf, type ChatAnswer, type WireUsage } from './chat-types.ts';
import { badAnswer } from './errors.ts';
import { subjectOf, type ProviderCall } from './request.ts';

// The parts of an OpenAI-shaped chat completion Weft reads. The OpenAI and Hugging Face clients
// each type the same wire format their own way; both fit these.

interface WireCompletion {
  choices?: { message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: WireUsage | null;
}

interface WireChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: WireUsage | null;
}

/** The answer of a chat completion that was not streamed; one without a choice is an error. */
export function completionAnswer(done: WireCompletion, call: ProviderCall): ChatAnswer {
  const choice = done.choices?.[0];
  if (!choice) throw badAnswer('bad_response', subjectOf(call), 'no choices in the answer');
  const answer: ChatAnswer = {
    text: choice.message?.content ?? '',
    finishReason: choice.finish_reason ?? null,
  };
  const usage = usageOf(done.usage);
  return usage ? { ...answer, usage } : answer;
}

/**
 * Reads a streamed chat completion to its end, handing each piece of text to `onToken` as it
 * comes. A stream that ends without a finish reason was cut, and is an error.
 */
export async function streamedAnswer(
  stream: AsyncIterable<WireChunk>,
  call: ProviderCall,
  onToken?: (piece: string) => void,
): Promise<ChatAnswer> {
  let text = '';
  let finishReason: string | null = null;
  let usage: ChatAnswer['usage'];
  for await (const chunk of stream) {
    const choice = chunk.choices?.[0];
    const piece = choice?.delta?.content;
    if (piece) {
      text += piece;
      onToken?.(piece);
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage) usage = usageOf(chunk.usage);
  }
  if (finishReason === null) throw badAnswer('stream_cut', subjectOf(call), 'no finish reason');
  return usage ? { text, finishReason, usage } : { text, finishReason };
}
