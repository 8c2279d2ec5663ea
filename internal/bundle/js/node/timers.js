// The "timers" built-in: the runtime's global timer functions, as in Node.
module.exports = { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate };
