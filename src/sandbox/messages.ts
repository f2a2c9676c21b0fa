/** What learners and instructors read when the OS sandbox is missing: why, and how to get it. */

/** A reason in both languages, shaped as the kit's messages are, so the kit can show it in either. */
export interface SandboxReason {
  id: string;
  params: Record<string, string>;
  texts: { en: string; 'zh-cn': string };
}

const REASONS = {
  notLinux: { en: 'bubblewrap needs Linux, and this is {platform}', 'zh-cn': 'bubblewrap 需要 Linux，而这台机器是 {platform}' },
  missing: { en: '{program} is not installed', 'zh-cn': '没有安装 {program}' },
  missingAsRoot: { en: '{program} is not installed, and the kit runs as root', 'zh-cn': '没有安装 {program}，而工具包以 root 身份运行' },
  probeFailed: { en: 'bubblewrap cannot make a sandbox here: {said}', 'zh-cn': 'bubblewrap 无法在这里建立沙箱："{said}"' },
  turnedOff: { en: '{variable}=none turns it off', 'zh-cn': '{variable}=none 关闭了它' },
};

/** Why this machine has no OS sandbox, in a few words of both languages (the sandbox depends on nothing of the kit's). */
export function noSandboxBecause(id: keyof typeof REASONS, params: Record<string, string>): SandboxReason {
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  const template = REASONS[id];
  return { id: `noSandbox.${id}`, params, texts: { en: fill(template.en), 'zh-cn': fill(template['zh-cn']) } };
}

/** How to install bubblewrap, for the messages below. */
export const INSTALL_BUBBLEWRAP =
  'install bubblewrap on Linux (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf install bubblewrap`; Arch: `sudo pacman -S bubblewrap`, or your distribution\'s bubblewrap package)';

/** The variable that lets Python and custom-runtime functions run without an OS sandbox. */
export const ALLOW_UNSANDBOXED = 'WORKSHOP_ALLOW_UNSANDBOXED';

/** Why a Python or custom-runtime function is refused where no OS sandbox exists. */
export function runtimeRefused(runtime: string, reason: string): string {
  return `${runtime} functions run only inside the OS sandbox, and there is none here (${reason}). `
    + `To run them, ${INSTALL_BUBBLEWRAP} and start the emulator again; `
    + `or, if you trust this code with your files and credentials, set ${ALLOW_UNSANDBOXED}=1.`;
}

/** Why `workshop grade` will not run submissions here. */
export function gradingRefused(reason: string): string {
  return `workshop grade runs every submission's code, and this machine has no OS sandbox to keep that code away from your files, credentials and other submissions (${reason})`;
}

/** The next step for {@link gradingRefused}. */
export const GRADING_HINT = `${INSTALL_BUBBLEWRAP} and run again; or, if you trust every submission (inside a throw-away container, say), add --trust-submissions`;
