// The "console" built-in: the runtime's global console, as in Node.
module.exports = globalThis.console;
