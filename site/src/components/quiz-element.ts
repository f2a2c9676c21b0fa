/** The browser part of Quiz.astro: the learner's order of options, feedback, storage and reset. */
import { fill, readStrings } from './fill.ts';
import { learnerSeed, optionOrder } from './quiz-shuffle.ts';

type QuizStrings = { correct: string; wrong: string; score: string; reset: string };

class WorkshopQuiz extends HTMLElement {
  private strings!: QuizStrings;
  private key = '';

  connectedCallback() {
    this.strings = readStrings<QuizStrings>(this);
    this.key = `workshop-quiz:${this.dataset.id}`;
    this.shuffle();
    this.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      const question = input.closest<HTMLElement>('.question');
      if (!question) return;
      const answers = this.load();
      answers[this.indexOf(question)] = Number(input.value);
      this.save(answers);
      this.render();
    });
    this.querySelector('.reset')?.addEventListener('click', () => {
      localStorage.removeItem(this.key);
      for (const input of this.querySelectorAll<HTMLInputElement>('input')) input.checked = false;
      this.render();
    });
    this.render();
  }

  /** Puts each question's options in the learner's order; the values (the lesson's indexes) move with them. */
  private shuffle(): void {
    const seed = learnerSeed(storage(), () => crypto.getRandomValues(new Uint32Array(2)).join('-'));
    this.questions().forEach((question, index) => {
      const fieldset = question.querySelector('fieldset');
      const labels = [...question.querySelectorAll<HTMLLabelElement>('label')];
      const byChoice = new Map(labels.map((label) => [Number(label.querySelector('input')?.value), label]));
      for (const choice of optionOrder(seed, this.dataset.id ?? '', index, labels.length)) {
        const label = byChoice.get(choice);
        if (label) fieldset?.append(label);
      }
    });
  }

  private questions(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.question')];
  }

  private indexOf(question: HTMLElement): number {
    return this.questions().indexOf(question);
  }

  private load(): Record<number, number> {
    try {
      const saved = JSON.parse(localStorage.getItem(this.key) ?? '{}') as { answers?: Record<number, number> };
      return saved.answers ?? {};
    } catch {
      return {};
    }
  }

  private save(answers: Record<number, number>): void {
    try {
      localStorage.setItem(this.key, JSON.stringify({ answers }));
    } catch {
      // Private windows may refuse storage; the quiz still works for this visit.
    }
  }

  private render(): void {
    const answers = this.load();
    let right = 0;
    let answered = 0;
    this.questions().forEach((question, index) => {
      const chosen = answers[index];
      const inputs = [...question.querySelectorAll<HTMLInputElement>('input')];
      const feedback = question.querySelector<HTMLElement>('.feedback')!;
      const explain = question.querySelector<HTMLElement>('.explain')!;
      const answer = Number(question.dataset.answer);
      const byValue = (choice: number | undefined) => inputs.find((input) => Number(input.value) === choice);
      const done = chosen !== undefined && byValue(chosen) !== undefined;
      for (const input of inputs) {
        input.disabled = done;
        if (done) input.checked = Number(input.value) === chosen;
      }
      feedback.hidden = !done;
      explain.hidden = !done;
      question.classList.toggle('right', done && chosen === answer);
      question.classList.toggle('wrong', done && chosen !== answer);
      if (!done) return;
      answered += 1;
      if (chosen === answer) right += 1;
      const answerText = byValue(answer)?.parentElement?.textContent?.trim() ?? '';
      feedback.textContent = chosen === answer ? this.strings.correct : fill(this.strings.wrong, { answer: answerText });
    });
    const score = this.querySelector<HTMLElement>('.score')!;
    score.textContent = answered > 0 ? fill(this.strings.score, { right, total: this.questions().length }) : '';
  }
}

/** localStorage, or undefined where reading it throws (some privacy settings do). */
function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

customElements.define('workshop-quiz', WorkshopQuiz);
