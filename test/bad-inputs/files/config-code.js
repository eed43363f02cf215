require('node:fs').writeFileSync('pwned', 'ran');
module.exports = { notes: 'notes' };
