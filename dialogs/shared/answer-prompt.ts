/**
 * A prompt that asks with a prepared message (text plus buttons) and recognises the reply
 * with a plain function: a pressed button's value or words typed in English or Spanish.
 * The question lives in conversation state, so the answer may arrive on a later turn.
 */
import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';

/** An answer recognised from a reply (wrapped, so `null` can be an answer: "skip"). */
export interface Answer<T> {
  value: T;
}

/** Makes an answer of a reply, or returns undefined when the reply is not one. */
export type Recognizer<T> = (text: string, options: PromptOptions) => Answer<T> | undefined;

/**
 * Asks `options.prompt`; a reply the recognizer rejects gets `options.retryPrompt` (or the
 * question again). Ends with the recognised value.
 */
export class AnswerPrompt<T> extends Prompt<T> {
  constructor(
    dialogId: string,
    private readonly recognize: Recognizer<T>,
  ) {
    super(dialogId);
  }

  protected override async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const message = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (message) await context.sendActivity(message);
  }

  protected override async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<T>> {
    const answer = this.recognize(context.activity.text ?? '', options);
    return answer ? { succeeded: true, value: answer.value } : { succeeded: false };
  }
}
