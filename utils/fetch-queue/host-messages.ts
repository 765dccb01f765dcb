/** The one message the background sends the fetch queue's offscreen document: look at the queue again. */
export const WAKE_RUNNER = 'wakeRunner';
