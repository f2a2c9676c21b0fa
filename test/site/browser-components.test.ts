import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OUTPUT } from './global-setup.ts';
import { browserAvailability, launchBrowser, screenshot, waitForText, type TestBrowser } from './support/browser.ts';
import { htmlPages } from './support/links.ts';
import { BUILD_SEED, optionOrder } from '../../site/src/components/quiz-shuffle.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

// In CI a missing browser fails the run instead of skipping.
describe.skipIf(!browser.available && !browser.mustFail)('the lesson site in a real browser', () => {
  const dist = inject('siteDist');
  const fixture = '/test-fixture/components/';
  let site: RunningStaticSite;
  let chromium: TestBrowser;

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    site = await serveBuiltSite({ root: dist, port: 0 });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
  });

  it('opens a lesson in English and in Chinese', async () => {
    const lessons = htmlPages(dist).filter((page) => /^lessons\/\d\d-[^/]+\/index\.html$/.test(page));
    // Before the lessons exist, the landing page stands in for them.
    const path = lessons[0] ? `/${lessons[0].replace(/index\.html$/, '')}` : '/';
    for (const [prefix, lang, name] of [['', 'en', 'lesson-en'], ['/zh-cn', 'zh-CN', 'lesson-zh-cn']] as const) {
      const { page, errors } = await chromium.page();
      const answer = await page.goto(`${site.url}${prefix}${path}`);
      expect(answer?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect((await page.locator('h1').first().textContent())?.trim()).not.toBe('');
      // The language picker offers the other language at the mirrored path.
      const options = await page.locator('starlight-lang-select option').evaluateAll((nodes) => nodes.map((node) => (node as unknown as { value: string }).value));
      expect(options).toEqual(expect.arrayContaining([path, `/zh-cn${path}`]));
      await screenshot(page, OUTPUT, name);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('runs the pattern playground: a match, a non-match with the failing field, and a refused pattern', async () => {
    const { page, errors } = await chromium.page();
    await page.goto(`${site.url}${fixture}`);
    const result = 'pattern-playground output';
    expect(await waitForText(page, `${result}.match`, 'Match')).toContain('a rule with this pattern would send the event');
    const event = page.locator('pattern-playground textarea[name=event]');
    await event.fill((await event.inputValue()).replace('"totalCents": 25000', '"totalCents": 4000'));
    const miss = await waitForText(page, `${result}.no-match`, 'No match');
    expect(miss).toContain('detail.totalCents');
    expect(miss).toContain('numeric: 4000 is not >= 10000');
    const pattern = page.locator('pattern-playground textarea[name=pattern]');
    await pattern.fill('{ "detail": { "total": [ { "numeric": [ ">>", 1 ] } ] } }');
    expect(await waitForText(page, `${result}.error`, 'Event pattern is not valid')).toContain('Unrecognized numeric range operator');
    await page.selectOption('pattern-playground select', 'exists-false');
    await waitForText(page, `${result}.match`, 'Match');
    await event.fill((await event.inputValue()).replace('"totalCents": 1999', '"totalCents": 1999, "coupon": "WELCOME10"'));
    expect(await waitForText(page, `${result}.no-match`, 'detail.coupon')).toContain('expected the field to be absent');
    await screenshot(page, OUTPUT, 'playground');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Chinese on the Chinese pages', async () => {
    const { page, errors } = await chromium.page();
    await page.goto(`${site.url}/zh-cn${fixture}`);
    await waitForText(page, 'pattern-playground output.match', '匹配');
    expect(await page.locator('cost-calculator dt').first().textContent()).toContain('并发数');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('computes concurrency, cost and break-even in the calculator as the inputs change', async () => {
    const { page, errors } = await chromium.page();
    await page.goto(`${site.url}${fixture}`);
    const out = (name: string) => page.locator(`cost-calculator [data-out=${name}]`).textContent();
    // Functions run in the page are written as strings: the project's TypeScript has no DOM types.
    await page.waitForFunction("document.querySelector('cost-calculator [data-out=concurrency]')?.textContent !== '–'");
    // Defaults: 20 /s x 120 ms = 2.4.
    expect(await out('concurrency')).toBe('2.4');
    await page.fill('cost-calculator input[name=rate]', '50');
    await page.fill('cost-calculator input[name=duration]', '300');
    await page.fill('cost-calculator input[name=memory]', '1024');
    // 50 /s x 0.3 s = 15 in flight; 129.6M requests ($25.92) + 38.88M GB-s ($648.00) = $674 a month.
    expect(await out('concurrency')).toBe('15');
    expect(await out('requests')).toBe('129,600,000');
    expect(await out('cost')).toBe('$674');
    // $70 / ($0.0000002 + 0.3 GB-s x $0.0000166667) = 13.46M requests a month = 5.19 /s.
    expect(await out('breakEven')).toBe('5.19 requests/s');
    expect(await page.locator('cost-calculator svg polyline.lambda').count()).toBe(1);
    expect(await page.locator('cost-calculator svg line.server').count()).toBe(1);
    await page.locator('cost-calculator').screenshot({ path: `${OUTPUT}/screenshots/calculator.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives quiz feedback at once and remembers the answers across a reload, until reset', async () => {
    const { page, errors } = await chromium.page();
    await page.goto(`${site.url}${fixture}`);
    const questions = page.locator('workshop-quiz .question');
    // Options are shuffled: pick them by their value, the option's index in the lesson.
    const option = (question: number, choice: number) => questions.nth(question).locator(`label:has(input[value="${choice}"])`);
    await option(0, 1).click();
    expect(await questions.nth(0).locator('.feedback').textContent()).toBe('Correct.');
    expect(await questions.nth(0).locator('.explain').isVisible()).toBe(true);
    await option(1, 1).click();
    expect(await questions.nth(1).locator('.feedback').textContent()).toBe('Not quite. The answer is: {"exists": false}');
    expect(await page.locator('workshop-quiz .score').textContent()).toBe('1 of 2 right');
    await page.reload();
    await page.waitForFunction("document.querySelector('workshop-quiz .score')?.textContent === '1 of 2 right'");
    expect(await option(0, 1).locator('input').isChecked()).toBe(true);
    expect(await option(0, 1).locator('input').isDisabled()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('workshop-quiz:fixture-quiz'))).toBe('{"answers":{"0":1,"1":1}}');
    await screenshot(page, OUTPUT, 'components');
    await page.click('workshop-quiz .reset');
    await page.reload();
    expect(await page.locator('workshop-quiz input:checked').count()).toBe(0);
    expect(await questions.nth(0).locator('.feedback').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows each learner the quiz options in their own order, the same on every visit, and the built order without a script', async () => {
    const valuesOf = (html: string) => [...html.matchAll(/name="quiz-fixture-quiz-0" value="(\d)"/g)].map((found) => Number(found[1]));
    const built = await (await fetch(`${site.url}${fixture}`)).text();
    expect(valuesOf(built)).toEqual(optionOrder(BUILD_SEED, 'fixture-quiz', 0, 3));
    const { page, errors } = await chromium.page();
    const shown = () => page.locator('workshop-quiz .question').nth(0).locator('input').evaluateAll((inputs) => inputs.map((input) => Number((input as unknown as { value: string }).value)));
    await page.goto(`${site.url}${fixture}`);
    const seed = await page.evaluate(() => localStorage.getItem('workshop-quiz-seed'));
    expect(seed).toMatch(/^\d+-\d+$/);
    expect(await shown()).toEqual(optionOrder(seed!, 'fixture-quiz', 0, 3));
    // Two learners whose orders differ from each other and from the built order.
    const learners = ['learner-3', 'learner-4'];
    expect(new Set([BUILD_SEED, ...learners].map((learner) => optionOrder(learner, 'fixture-quiz', 0, 3).join())).size).toBe(3);
    for (const learner of learners) {
      await page.evaluate((value) => localStorage.setItem('workshop-quiz-seed', value), learner);
      await page.reload();
      expect(await shown()).toEqual(optionOrder(learner, 'fixture-quiz', 0, 3));
      await page.reload();
      expect(await shown()).toEqual(optionOrder(learner, 'fixture-quiz', 0, 3));
    }
    await page.locator('workshop-quiz .question').nth(0).locator('label:has(input[value="1"])').click();
    expect(await page.locator('workshop-quiz .question').nth(0).locator('.feedback').textContent()).toBe('Correct.');
    expect(errors).toEqual([]);
    await page.close();
  });
});
