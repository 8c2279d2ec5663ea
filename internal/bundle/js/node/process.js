// The "process" built-in: the runtime's global process object, as in Node.
module.exports = globalThis.process;
