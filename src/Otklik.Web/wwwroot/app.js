// Keyboard shortcuts: any element with data-shortcut="<key>" is clicked when that key is pressed outside a text
// field (and without Ctrl/Alt/Meta). Pages list their shortcuts in a visible legend; "?" focuses it.
document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
        if (e.key === 'Escape') t.blur();
        return;
    }
    // Physical keys, so that the shortcuts work in the Russian layout too ("c" is the key labelled C/С).
    const code = /^Key([A-Z])$/.exec(e.code) || /^Digit([0-9])$/.exec(e.code);
    const key = code ? code[1].toLowerCase() : e.code === 'Slash' && !e.shiftKey ? '/' : (e.key.length === 1 ? e.key.toLowerCase() : e.key);
    const el = document.querySelector('[data-shortcut="' + CSS.escape(key) + '"]:not([disabled])');
    if (!el) return;
    e.preventDefault();
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) el.focus(); else { el.focus(); el.click(); }
});
