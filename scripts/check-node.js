// Fails early, with a sentence, on a Node too old for vitest 5, jsdom and electron-store 12.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Mission Tray needs Node 22.12 or newer; this is Node ${process.versions.node}. ` +
      'Install a current Node (for example: npm install -g --prefix "$PWD/.node24" node@24).',
  );
  process.exit(1);
}
