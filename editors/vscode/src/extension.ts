// VS Code client for resolution-ls: starts the server over stdio for `resolution` documents
// (*.res.md). Nothing is downloaded: the server binary comes from the `resolution-ls.path`
// setting, PATH, or ~/.cargo/bin (where `cargo install` puts it).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

const SECTION = 'resolution-ls';
const NAME = 'UN Resolutions (resolution-ls)';
const BINARY = process.platform === 'win32' ? 'resolution-ls.exe' : 'resolution-ls';

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let extensionUri: vscode.Uri;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionUri = context.extensionUri;
  // vscode-languageclient 10+ needs a LogOutputChannel (`{ log: true }`): with a plain channel,
  // client.start() fails with "this.outputChannel.error is not a function".
  log = vscode.window.createOutputChannel(NAME, { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('resolution-ls.restartServer', () => restart()),
    vscode.commands.registerCommand('resolution-ls.showServerLog', () => log.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.path`)) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function restart(): Promise<void> {
  log.info('restarting the server');
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (e) {
      log.warn(`stopping the server: ${String(e)}`);
    }
  }
}

async function start(): Promise<void> {
  const command = findServer();
  if (!command) {
    return;
  }
  log.info(`starting ${command} --stdio`);
  // TransportKind.stdio: the client appends `--stdio` to the arguments; the server accepts it.
  const serverOptions: ServerOptions = {
    command,
    transport: TransportKind.stdio,
    options: { env: { ...process.env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'resolution', scheme: 'file' },
      { language: 'resolution', scheme: 'untitled' },
    ],
    outputChannel: log,
    // The server reads its rule settings with workspace/configuration (section `resolution-ls`),
    // which the client answers from the settings; changes are announced with didChangeConfiguration.
    synchronize: { configurationSection: SECTION },
  };
  // The id `resolution-ls` makes the client read its trace level from `resolution-ls.trace.server`.
  const c = new LanguageClient(SECTION, NAME, serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (e) {
    client = undefined;
    log.error(`the server did not start: ${String(e)}`);
    void vscode.window
      .showErrorMessage(`resolution-ls did not start (${command}): ${String(e)}`, 'Show Server Log')
      .then((choice) => {
        if (choice) {
          log.show(true);
        }
      });
    return;
  }
  const init = c.initializeResult;
  log.info(`server: ${JSON.stringify(init?.serverInfo ?? null)}`);
  log.info(`server capabilities: ${JSON.stringify(init?.capabilities ?? null)}`);
}

/** The server binary: the setting, else PATH, else ~/.cargo/bin; undefined (after telling the user) if none. */
function findServer(): string | undefined {
  const setting = (vscode.workspace.getConfiguration(SECTION).get<string>('path') ?? '').trim();
  if (setting) {
    const file = resolveSetting(setting);
    if (isExecutable(file)) {
      return file;
    }
    missing(`The setting resolution-ls.path points to "${file}", which is not an executable file.`);
    return undefined;
  }
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  dirs.push(path.join(os.homedir(), '.cargo', 'bin'));
  for (const dir of dirs) {
    const file = path.join(dir, BINARY);
    if (isExecutable(file)) {
      return file;
    }
  }
  missing('The resolution-ls binary was not found on PATH nor in ~/.cargo/bin.');
  return undefined;
}

function resolveSetting(setting: string): string {
  let p = setting;
  if (p === '~' || p.startsWith('~/')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p)) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder && folder.uri.scheme === 'file') {
      p = path.join(folder.uri.fsPath, p);
    }
  }
  return p;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function missing(why: string): void {
  const text =
    `${why} Install it (cargo install --locked --path . in a clone of resolution-ls) ` +
    'or set resolution-ls.path, then run "Resolution: Restart Server".';
  log.error(text);
  void vscode.window
    .showErrorMessage(`resolution-ls: ${text}`, 'Install Instructions', 'Open Settings')
    .then(async (choice) => {
      if (choice === 'Install Instructions') {
        // The README packaged with the extension: works offline, unlike a web page.
        await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'README.md'));
      } else if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
      }
    });
}
