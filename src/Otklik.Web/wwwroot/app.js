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

// Long texts (Components/Common/LongText.razor): the counter follows the typing, and a form whose text is over its
// limit is not sent (the person sees the limit instead of losing the connection with a huge message).
(function () {
    const format = n => n.toLocaleString('ru-RU');
    function over(t) { return t.dataset.limit && t.value.length > Number(t.dataset.limit); }
    function count(t) {
        const c = document.querySelector('[data-counter-for="' + CSS.escape(t.id) + '"]');
        if (!c) return;
        const isOver = over(t);
        c.textContent = (isOver ? c.dataset.over : c.dataset.under).replace('{n}', format(t.value.length));
        c.classList.toggle('over', isOver);
        if (isOver) t.setAttribute('aria-invalid', 'true'); else if (!t.closest('.long-text').querySelector('.field-error')) t.removeAttribute('aria-invalid');
    }
    function keep(t) {
        if (!t.dataset.keep) return;
        try { if (t.value) localStorage.setItem(t.dataset.keep, t.value); else localStorage.removeItem(t.dataset.keep); } catch (e) { /* storage full or off */ }
    }
    document.addEventListener('input', e => {
        const t = e.target;
        if (!(t instanceof HTMLTextAreaElement)) return;
        if (t.dataset.limit) count(t);
        keep(t);
    });
    // Sending a form (or pressing a button guarded by data-guard="<textarea id>") with a text over its limit: refused here.
    function refuse(e, t) {
        e.preventDefault();
        e.stopImmediatePropagation();
        count(t);
        const c = document.querySelector('[data-counter-for="' + CSS.escape(t.id) + '"]');
        if (c) c.setAttribute('role', 'alert');
        t.focus();
    }
    window.addEventListener('submit', e => {
        const t = [...e.target.querySelectorAll('textarea[data-limit]')].find(over);
        if (t) refuse(e, t);
    }, true);
    window.addEventListener('click', e => {
        const b = e.target instanceof Element ? e.target.closest('[data-guard]') : null;
        if (!b) return;
        const t = document.getElementById(b.dataset.guard);
        if (t && over(t)) refuse(e, t);
    }, true);
    // A kept text comes back into its empty field after a reload or a new connection.
    function restore(root) {
        root.querySelectorAll('textarea[data-keep]').forEach(t => {
            if (t.value || t.dataset.restored) return;
            let v = null;
            try { v = localStorage.getItem(t.dataset.keep); } catch (e) { /* off */ }
            if (!v) return;
            t.dataset.restored = '1';
            t.value = v;
            t.dispatchEvent(new Event('input', { bubbles: true }));
            t.dispatchEvent(new Event('change', { bubbles: true }));
            count(t);
            const note = document.createElement('p');
            note.className = 'restored muted';
            note.setAttribute('role', 'status');
            note.textContent = document.documentElement.dataset.restoredText || 'Восстановлен неотправленный текст';
            t.insertAdjacentElement('afterend', note);
        });
    }
    new MutationObserver(() => restore(document)).observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => restore(document));
    window.otklik = Object.assign(window.otklik || {}, {
        forget: key => { try { localStorage.removeItem(key); } catch (e) { /* off */ } },
    });
})();

// The reconnection banner (Components/Layout/ReconnectModal.razor), in Russian: Blazor sets its state.
(function () {
    function init() {
        const modal = document.getElementById('components-reconnect-modal');
        if (!modal || modal.dataset.wired) return;
        modal.dataset.wired = '1';
        modal.addEventListener('components-reconnect-state-changed', e => {
            const state = e.detail.state;
            if (state === 'show' || state === 'retrying' || state === 'failed' || state === 'paused') {
                if (!modal.open && modal.showModal) modal.showModal();
            } else if (state === 'hide') {
                if (modal.open) modal.close();
            } else if (state === 'rejected') {
                location.reload();
            }
        });
        const retry = document.getElementById('components-reconnect-button');
        if (retry) retry.addEventListener('click', async () => {
            try { if (!(await Blazor.reconnect())) location.reload(); } catch (err) { /* the banner stays */ }
        });
        const resume = document.getElementById('components-resume-button');
        if (resume) resume.addEventListener('click', async () => {
            try { if (!(await Blazor.resumeCircuit())) location.reload(); } catch (err) { location.reload(); }
        });
    }
    document.addEventListener('DOMContentLoaded', init);
    new MutationObserver(init).observe(document.documentElement, { childList: true, subtree: true });
})();
