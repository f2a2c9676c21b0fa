/**
 * The CLI in Chinese, run as a learner runs it: the help, the doctor, and the errors a learner
 * meets first (a typo, a missing lab number, a bad option, a target that does not answer) say
 * what to do next in Chinese, with no English sentence left (commands, flags and names aside);
 * and the same commands in English still say what they said.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.ts';
import { englishLeaks } from '../support/english-leaks.ts';
import { freePort } from '../support/ports.ts';

const CJK = /[\u3400-\u9fff]/;

/** The host's environment without its AWS and workshop settings, in `lang`. */
function envIn(lang: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('WORKSHOP_')));
  return { ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true', WORKSHOP_LANG: lang, ...extra };
}

function inChinese(args: string[], extra: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { env: envIn('zh-cn', extra) });
}

/** Every line printed is Chinese or code: no English sentence. */
function expectChinese(run: CliRun): void {
  const output = run.stdout + run.stderr;
  expect(output).toMatch(CJK);
  expect(englishLeaks(output)).toEqual([]);
}

describe('workshop in Chinese', () => {
  it('lists the commands and the --lang option under --help', async () => {
    const run = await inChinese(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('用法：npx workshop <命令> [选项]');
    expect(run.stdout).toMatch(/^ {2}doctor +检查 Node\.js、模拟器端口、Docker 和 LocalStack/m);
    expect(run.stdout).toContain('语言：--lang en|zh-cn，或者设置 WORKSHOP_LANG');
    expectChinese(run);
  });

  it('describes a command\'s arguments under its own --help', async () => {
    const run = await inChinese(['reset', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('用法：npx workshop reset [选项] [LAB]');
    expect(run.stdout).toMatch(/^参数：\n {2}LAB {4}实验编号，例如 01$/m);
    // Descriptions line up in one column although Chinese characters take two columns each.
    expect(run.stdout).toMatch(/^选项：\n {2}--target=<target> {4}emulator（默认）.*\n {2}--dir=<dir> {10}存放/m);
    expect(run.stdout).toContain('删除实验创建的资源');
    expect(run.stdout).toContain('实验编号，例如 01');
    expect(run.stdout).toContain('恢复文件之前不再询问');
    expectChinese(run);
  });

  it('runs the doctor with a verdict and a fix on each line in Chinese', async () => {
    const run = await inChinese(['doctor', '--port', String(await freePort())], { PATH: dirname(process.execPath), WORKSHOP_SANDBOX: 'none' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('! 系统沙箱：没有（WORKSHOP_SANDBOX=none 关闭了它）');
    expect(run.stdout).toMatch(/✔ 端口 \d+：空闲：模拟器可以在这里启动/);
    expect(run.stdout).toMatch(/✔ Lambda：已在一个临时模拟器上部署并调用了一个测试函数，用时 \d+ 毫秒/);
    expect(run.stdout).toContain('! Docker：没有安装：使用默认的 emulator 目标环境不需要它');
    expect(run.stdout).toContain('    解决办法：只有想用 --target localstack 时才需要安装 Docker');
    expect(run.stdout).toContain('一切就绪：运行 `npm start`，然后打开课程。');
    expectChinese(run);
  });

  it('suggests the nearest command for a typo', async () => {
    const run = await inChinese(['doctr']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('workshop：未知命令“doctr”');
    expect(run.stderr).toContain('下一步：你是想输入 `workshop doctor` 吗？');
    expectChinese(run);
  });

  it('says which labs there are for a lab that does not exist, and how to repeat a run for a bad --seed', async () => {
    const unknown = await inChinese(['check', '99']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('workshop：没有实验“99”');
    expect(unknown.stderr).toContain('下一步：现有的实验：01-first-handler');
    expectChinese(unknown);
    const seed = await inChinese(['check', '01', '--seed', 'abc']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed “abc”不是整数');
    expectChinese(seed);
  });

  it('says how to start LocalStack when the chosen endpoint does not answer', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await inChinese(['check', '01'], { AWS_ENDPOINT_URL: url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`选择了 localstack 目标环境（AWS_ENDPOINT_URL），但 ${url} 上没有任何程序应答`);
    expect(run.stderr).toContain('下一步：用 `docker compose up -d` 启动 LocalStack');
    expect(run.stdout).toBe('');
    expectChinese(run);
  });

  it('asks for the lab number of reset, and for a port number that is one', async () => {
    const reset = await inChinese(['reset']);
    expect(reset.code).toBe(2);
    expect(reset.stderr).toContain('workshop reset 需要一个实验编号');
    expectChinese(reset);
    const port = await inChinese(['emulator', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port “eighty”不是端口号');
    expect(port.stderr).toContain('下一步：给 --port 一个 0 到 65535 之间的整数');
    expectChinese(port);
    const grade = await inChinese(['grade']);
    expect(grade.code).toBe(2);
    expect(grade.stderr).toContain('workshop grade 需要存放提交的文件夹');
    expectChinese(grade);
  });

  it('refuses a language it does not speak, naming the ones it does', async () => {
    const run = await inChinese(['--lang', 'fr', 'doctor']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--lang “fr”不是工具包支持的语言');
    expect(englishLeaks(run.stderr)).toEqual([]);
    expect(run.stderr).toContain('--lang en');
    expect(run.stderr).toContain('--lang zh-cn');
    expect(run.stdout).toBe('');
  });
});

describe('workshop in English', () => {
  it('says the same as before, with the --lang option in its help', async () => {
    const help = await runCli(['--help'], { env: envIn('en') });
    expect(help.stdout).toContain('Usage: npx workshop <command> [options]');
    expect(help.stdout).toContain('Language: --lang en|zh-cn, or WORKSHOP_LANG');
    expect(help.stdout).toMatch(/^ {2}doctor +Check Node\.js, the emulator port, Docker and LocalStack, with a fix for each problem$/m);
    expect(help.stdout).not.toMatch(CJK);
    const unknown = await runCli(['check', '99'], { env: envIn('en') });
    expect(unknown.stderr).toContain('workshop: there is no lab "99"\n  next: the labs are: 01-first-handler');
    const url = `http://127.0.0.1:${await freePort()}`;
    const target = await runCli(['check', '01'], { env: envIn('en', { AWS_ENDPOINT_URL: url }) });
    expect(target.stderr).toContain(`the localstack target was chosen (AWS_ENDPOINT_URL) but nothing answers at ${url}`);
    expect(target.stderr).not.toMatch(CJK);
  });
});
