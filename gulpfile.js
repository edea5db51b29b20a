const { src, dest, parallel } = require('gulp');

/** Icons live in icons/ and are referenced as file:../../icons/… from dist/nodes/<Node>/. */
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

/** Codex files (*.node.json) sit beside the built node files. */
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:static'] = parallel(copyIcons, copyCodex);
