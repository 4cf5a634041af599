/**
 * Station-mode tones, made with Web Audio (no sound files, nothing fetched): a short high
 * beep for a printed label, two for a reprint, a low buzz for a failure, two even middle
 * beeps for an order another station packs (stop: not this one), silence otherwise.
 */
let context: AudioContext | null = null;

export function playTone(tone: 'success' | 'reprint' | 'failure' | 'waiting' | 'held' | 'info' | 'idle'): void {
  const notes: [frequency: number, seconds: number][] =
    tone === 'success'
      ? [[880, 0.12]]
      : tone === 'reprint'
        ? [
            [880, 0.08],
            [1175, 0.08],
          ]
        : tone === 'failure'
          ? [
              [196, 0.35],
              [147, 0.35],
            ]
          : tone === 'waiting'
            ? [[660, 0.1]]
            : tone === 'held'
              ? [
                  [523, 0.15],
                  [523, 0.15],
                ]
              : [];
  if (notes.length === 0) return;
  try {
    context ??= new AudioContext();
    let at = context.currentTime;
    for (const [frequency, seconds] of notes) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone === 'failure' ? 'square' : 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.08;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds);
      at += seconds + 0.04;
    }
  } catch {
    // No audio device: the screen still shows the outcome in colour and words.
  }
}
