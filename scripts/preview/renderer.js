/*
 * Runs inside the headless Chromium page of `npm run cards:preview` (served by
 * scripts/preview/server.ts next to the official adaptivecards browser bundle).
 * Plain browser JavaScript on purpose: it is loaded as is, not compiled.
 *
 *   previewSetup({ hostConfigs, css })    once, theme => HostConfig JSON / CSS
 *   previewRender(card, theme)            renders one card into #card and
 *                                         returns what is cut off in it
 */
/* global AdaptiveCards */
(function () {
  'use strict';

  var hostConfigs = {};
  var themeCss = {};
  var currentTheme = null;
  /** Markdown constructs met while rendering the current card (lists, links...). */
  var markdownNotes = [];

  // ---------------------------------------------------------------------------
  // Markdown: the subset Teams supports in TextBlock and FactSet (bold, italic,
  // links, bulleted and numbered lists, paragraphs). Without a processor the
  // SDK would show raw text; markdown-it is not a dependency of this project.
  // ---------------------------------------------------------------------------
  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function inline(s) {
    // Backslash escapes (the bot escapes user text, src/cards/plainText.ts) show the character itself.
    var escaped = [];
    var out = escapeHtml(s.replace(/\\([\\`*_[\]~.#>+\-])/g, function (_m, c) {
      escaped.push(c);
      return '\u0000' + (escaped.length - 1) + '\u0000';
    }));
    out = out.replace(/\[([^\]]+)\]\(((?:https?:|mailto:)[^)\s]+)\)/g, function (_m, text, url) {
      markdownNotes.push({ kind: 'link', text: s });
      return '<a href="' + url + '">' + text + '</a>';
    });
    out = out.replace(/\*\*(?=\S)([^*]+?)\*\*/g, '<strong>$1</strong>');
    out = out.replace(/(^|[^\w*])\*(?=\S)([^*]+?)\*(?![\w*])/g, '$1<em>$2</em>');
    out = out.replace(/(^|[^\w])_(?=\S)([^_]+?)_(?!\w)/g, '$1<em>$2</em>');
    return out.replace(/\u0000(\d+)\u0000/g, function (_m, i) { return escapeHtml(escaped[Number(i)]); });
  }

  var BULLET = /^\s*[-*+]\s+/;
  var NUMBERED = /^\s*(\d{1,9})[.)]\s+/;

  /** One block (no blank lines): runs of list lines become lists, other lines a paragraph. */
  function markdownBlock(block) {
    var lines = block.split('\n').filter(function (l) { return l.trim() !== ''; });
    var html = '';
    var i = 0;
    while (i < lines.length) {
      var kind = BULLET.test(lines[i]) ? 'ul' : NUMBERED.test(lines[i]) ? 'ol' : 'p';
      var pattern = kind === 'ul' ? BULLET : kind === 'ol' ? NUMBERED : null;
      var run = [];
      while (i < lines.length && (pattern ? pattern.test(lines[i]) : !BULLET.test(lines[i]) && !NUMBERED.test(lines[i]))) run.push(lines[i++]);
      if (kind === 'p') {
        html += '<p>' + run.map(inline).join('<br>') + '</p>';
      } else {
        markdownNotes.push({ kind: kind === 'ul' ? 'bulleted list' : 'numbered list', text: run.join('\n') });
        var start = kind === 'ol' ? ' start="' + Number(NUMBERED.exec(run[0])[1]) + '"' : '';
        html += '<' + kind + start + '>' + run.map(function (l) { return '<li>' + inline(l.replace(pattern, '')) + '</li>'; }).join('') + '</' + kind + '>';
      }
    }
    return html;
  }

  function markdown(text) {
    return String(text).replace(/\r\n?/g, '\n').split(/\n{2,}/).map(markdownBlock).join('');
  }

  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };

  // ---------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------
  window.previewSetup = function (setup) {
    Object.keys(setup.hostConfigs).forEach(function (theme) {
      hostConfigs[theme] = new AdaptiveCards.HostConfig(setup.hostConfigs[theme]);
    });
    themeCss = setup.css;
    return true;
  };

  function applyTheme(theme) {
    if (theme === currentTheme) return;
    if (!hostConfigs[theme]) throw new Error('Unknown theme ' + theme);
    document.getElementById('theme').textContent = themeCss[theme];
    document.documentElement.setAttribute('data-theme', theme);
    currentTheme = theme;
  }

  /** BCP 47 tag for the card host, so Chinese picks Simplified Chinese glyphs. */
  function langFor(lang) {
    if (!lang) return 'en';
    if (/^zh(-|$)/i.test(lang)) return 'zh-Hans-CN';
    return lang;
  }

  window.previewRender = async function (cardJson, theme) {
    applyTheme(theme);
    markdownNotes = [];
    var host = document.getElementById('card');
    host.innerHTML = '';
    host.setAttribute('lang', langFor(cardJson.lang));

    var card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfigs[theme];
    var context = new AdaptiveCards.SerializationContext();
    // The SDK validates "lang" with a shared /g regex whose lastIndex survives
    // between cards, so every other card got a false "Invalid value" warning.
    AdaptiveCards.CardElement.langProperty.regEx.lastIndex = 0;
    card.parse(cardJson, context);
    var warnings = [];
    for (var i = 0; i < context.eventCount; i++) {
      var event = context.getEventAt(i);
      warnings.push(event.message);
    }
    var rendered = card.render();
    if (!rendered) throw new Error('AdaptiveCard.render() returned nothing' + (warnings.length ? ': ' + warnings.join('; ') : ''));
    host.appendChild(rendered);
    showChoiceTitles(card);
    await document.fonts.ready;

    var box = host.getBoundingClientRect();
    return {
      warnings: warnings,
      issues: findIssues(host),
      brokenWords: findBrokenWords(host).concat(findOrphans(host)),
      markdown: markdownNotes,
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
  };

  /**
   * A filtered ChoiceSet (typeahead) with a preset value: the SDK puts the raw
   * value (e.g. "DE") into the text box, Teams shows the choice's title
   * ("Germany"). Show the title like Teams does.
   */
  function showChoiceTitles(card) {
    card.getAllInputs().forEach(function (input) {
      if (!(input instanceof AdaptiveCards.ChoiceSetInput) || input.style !== 'filtered' || input.isMultiSelect) return;
      var value = input.defaultValue;
      if (!value) return;
      var choice = input.choices.find(function (c) { return c.value === value; });
      var element = input.renderedInputControlElement;
      var box = element && (element.tagName === 'INPUT' ? element : element.querySelector('input'));
      if (choice && choice.title && box) box.value = choice.title;
    });
  }

  // ---------------------------------------------------------------------------
  // What is cut off
  // ---------------------------------------------------------------------------
  var OWNER = '.ac-pushButton, .ac-fact-title, .ac-fact-value, label, .ac-textBlock, .ac-richTextBlock';

  function squash(s) {
    return String(s || '').replace(/\s+/g, ' ').trim();
  }

  function ownerOf(el, host) {
    var owner = el.closest(OWNER);
    return owner && host.contains(owner) ? owner : el;
  }

  function kindOf(owner) {
    if (owner.closest('.ac-pushButton')) return 'button';
    // The renderer's label column (src/cards/labelColumn.ts) gives each label TextBlock an id "label-<n>".
    if (owner.closest('[id^="label-"]')) return 'label';
    if (owner.closest('.ac-fact-title')) return 'fact title';
    if (owner.closest('.ac-fact-value')) return 'fact value';
    if (owner.closest('.ac-choiceSetInput-expanded, .ac-choiceSetInput-multiSelect')) return 'choice';
    if (owner.closest('.ac-input-container') || owner.tagName === 'LABEL' || owner.querySelector('label')) return 'input label';
    if (owner.closest('.ac-textBlock')) return 'TextBlock';
    if (owner.closest('.ac-richTextBlock')) return 'RichTextBlock';
    return owner.tagName.toLowerCase();
  }

  function textOf(el) {
    return squash(el.innerText || el.textContent);
  }

  /** The padding box of an element: where overflow: hidden clips its content. */
  function clipBox(el) {
    var r = el.getBoundingClientRect();
    var left = r.left + el.clientLeft;
    var top = r.top + el.clientTop;
    return { left: left, right: left + el.clientWidth, top: top, bottom: top + el.clientHeight };
  }

  function clips(cs) {
    return cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
  }

  function rendered(el) {
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  }

  function findIssues(host) {
    var issues = [];
    var seen = new Set();
    var hostBox = host.getBoundingClientRect();
    var report = function (owner, problem, detail, text) {
      var key = problem + '|' + (text || textOf(owner));
      if (seen.has(owner) || seen.has(key)) return;
      seen.add(owner);
      seen.add(key);
      issues.push({ kind: kindOf(owner), problem: problem, text: text || textOf(owner), detail: detail });
    };

    // 1. Text cut off horizontally: a text run that extends past the padding box
    //    of a clipping ancestor (ellipsis TextBlocks with wrap: false, buttons,
    //    FactSet tables, the card itself) or past the card.
    var walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue || !node.nodeValue.trim()) continue;
      var parent = node.parentElement;
      if (!parent || !rendered(parent)) continue;
      range.selectNodeContents(node);
      var rects = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0; });
      if (rects.length === 0) continue;
      var left = Math.min.apply(null, rects.map(function (r) { return r.left; }));
      var right = Math.max.apply(null, rects.map(function (r) { return r.right; }));
      var owner = ownerOf(parent, host);
      var problem = null;
      var visible = right - left;
      for (var el = parent; el && el !== host.parentElement; el = el.parentElement) {
        if (!clips(getComputedStyle(el))) continue;
        var box = clipBox(el);
        if (right > box.right + 1 || left < box.left - 1) {
          problem = 'cut off';
          visible = Math.max(0, Math.min(right, box.right) - Math.max(left, box.left));
          break;
        }
      }
      if (!problem && (right > hostBox.right + 1 || left < hostBox.left - 1)) {
        problem = 'wider than card';
        visible = Math.max(0, Math.min(right, hostBox.right) - Math.max(left, hostBox.left));
      }
      if (problem) {
        report(owner, problem, 'shows ' + Math.round(visible) + ' of ' + Math.round(right - left) + ' px');
      }
    }

    // 2. Text cut off vertically (maxLines, fixed heights).
    host.querySelectorAll('*').forEach(function (el) {
      if (!rendered(el) || seen.has(el)) return;
      var cs = getComputedStyle(el);
      if (cs.overflowY === 'visible' || !textOf(el)) return;
      if (el.scrollHeight > el.clientHeight + 2) {
        var inner = Array.prototype.some.call(el.querySelectorAll('*'), function (child) {
          var ccs = getComputedStyle(child);
          return ccs.overflowY !== 'visible' && child.scrollHeight > child.clientHeight + 2;
        });
        if (!inner) report(ownerOf(el, host), 'cut off (height)', 'shows ' + el.clientHeight + ' of ' + el.scrollHeight + ' px');
      }
    });

    // 3. Inputs whose value or placeholder does not fit the field.
    var canvas = document.createElement('canvas').getContext('2d');
    host.querySelectorAll('input, textarea').forEach(function (input) {
      if (!rendered(input)) return;
      var type = (input.getAttribute('type') || 'text').toLowerCase();
      if (['text', 'email', 'tel', 'url', 'search', 'number'].indexOf(type) < 0 && input.tagName !== 'TEXTAREA') return;
      var cs = getComputedStyle(input);
      var available = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      canvas.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
      var label = inputLabel(input);
      if (input.tagName !== 'TEXTAREA') {
        var shown = input.value ? input.value : input.placeholder;
        if (shown) {
          var needed = canvas.measureText(shown).width;
          if (needed > available + 1) {
            issues.push({
              kind: 'input' + (label ? ' "' + label + '"' : ''),
              problem: input.value ? 'value cut off' : 'placeholder cut off',
              text: shown,
              detail: 'shows ' + Math.round(available) + ' of ' + Math.round(needed) + ' px',
            });
          }
        }
      }
    });

    // 4. Anything else wider than the card (inputs, columns, action rows).
    host.querySelectorAll('*').forEach(function (el) {
      if (!rendered(el) || seen.has(el)) return;
      var r = el.getBoundingClientRect();
      if (r.width === 0 || !(r.right > hostBox.right + 1 || r.left < hostBox.left - 1)) return;
      for (var a = el.parentElement; a && a !== host; a = a.parentElement) {
        if (seen.has(a)) return;
      }
      if (Array.prototype.some.call(el.querySelectorAll('*'), function (c) { return seen.has(c); })) return;
      var text = textOf(el);
      if (text && issues.some(function (i) { return i.text === text; })) return;
      seen.add(el);
      issues.push({
        kind: kindOf(ownerOf(el, host)),
        problem: 'wider than card',
        text: text.slice(0, 200) || '<' + el.tagName.toLowerCase() + ' class="' + el.className + '">',
        detail: Math.round(r.width) + ' px wide, card ' + Math.round(hostBox.width) + ' px',
      });
    });

    return issues;
  }

  // ---------------------------------------------------------------------------
  // Words wrapped in the middle (word-wrap: break-word on a too narrow column,
  // e.g. a long German compound in a FactSet title), not at a space or hyphen.
  // Breaks next to CJK characters are normal line breaks and not reported.
  // ---------------------------------------------------------------------------
  var CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/;
  var BREAKABLE_AFTER = /[-\u2010-\u2015\/\\·.,;:!?_@)\]}>»”’]/;
  // A URL, domain or e-mail address has no place to break and must be shown whole: wrapping it is expected.
  var IDENTIFIER = /^(https?:\/\/\S+|[^\s@]+@[^\s@]+|[\w-]+(\.[\w-]+)+)$/;

  function findBrokenWords(host) {
    var found = [];
    var range = document.createRange();
    var walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    // Chinese has no spaces: its words come from the browser's segmenter (ICU's dictionary), in the card's language.
    var segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(host.getAttribute('lang') || 'en', { granularity: 'word' }) : null;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = node.nodeValue || '';
      if (!text.trim() || !node.parentElement || !rendered(node.parentElement)) continue;
      var insideCjkWord = {};
      if (segmenter && CJK.test(text)) {
        Array.from(segmenter.segment(text)).forEach(function (seg) {
          if (!seg.isWordLike || seg.segment.length < 2 || !CJK.test(seg.segment)) return;
          for (var k = 1; k < seg.segment.length; k++) insideCjkWord[seg.index + k] = true;
        });
      }
      var words = /\S{2,}/g;
      for (var m = words.exec(text); m; m = words.exec(text)) {
        if (IDENTIFIER.test(m[0].replace(/^[“„«(]+|[”“»).,;:]+$/g, ''))) continue;
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        var lines = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0; });
        if (lines.length < 2) continue;
        var previousTop = null;
        for (var i = 0; i < m[0].length; i++) {
          range.setStart(node, m.index + i);
          range.setEnd(node, m.index + i + 1);
          var r = range.getBoundingClientRect();
          if (r.width === 0) continue;
          if (previousTop !== null && r.top > previousTop + 2) {
            var before = m[0].charAt(i - 1);
            var after = m[0].charAt(i);
            var latinBreak = !BREAKABLE_AFTER.test(before) && !CJK.test(before) && !CJK.test(after);
            var owner = ownerOf(node.parentElement, host);
            // Running Chinese text may break between any two characters; a label, button or fact title must not split a word,
            // and a label in the label column must not break inside a run of Chinese at all.
            var kind = kindOf(owner);
            var shortText = ['fact title', 'label', 'button', 'input label', 'choice'].indexOf(kind) >= 0 || textOf(owner).length <= 12;
            var cjkLabelBreak = kind === 'label' && CJK.test(before) && CJK.test(after);
            if (latinBreak || cjkLabelBreak || (insideCjkWord[m.index + i] && shortText)) {
              found.push({ kind: kindOf(owner), problem: 'word broken', text: textOf(owner), detail: m[0].slice(0, i) + '|' + m[0].slice(i) });
            }
          }
          previousTop = r.top;
        }
      }
    }
    return found;
  }

  // ---------------------------------------------------------------------------
  // Chinese paragraphs whose last line holds a single character (an orphan,
  // 字|。 alone on a line): a shorter phrase avoids it.
  // ---------------------------------------------------------------------------
  var CJK_CHAR = /[\u3400-\u9FFF\uF900-\uFAFF]/;

  function findOrphans(host) {
    var found = [];
    var range = document.createRange();
    Array.prototype.forEach.call(host.querySelectorAll('.ac-textBlock'), function (block) {
      if (!rendered(block) || !CJK_CHAR.test(block.textContent || '')) return;
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      var chars = [];
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var text = node.nodeValue || '';
        for (var i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          var r = range.getBoundingClientRect();
          if (r.width > 0) chars.push({ c: text.charAt(i), top: r.top });
        }
      }
      if (chars.length < 2) return;
      var lastTop = chars[chars.length - 1].top;
      if (chars[0].top >= lastTop - 2) return; // one line
      var lastLine = chars.filter(function (ch) { return ch.top > lastTop - 2; }).map(function (ch) { return ch.c; }).join('');
      if (lastLine.replace(/[^\u3400-\u9FFF\uF900-\uFAFF]/g, '').length === 1 && lastLine.trim().length <= 2) {
        var all = chars.map(function (ch) { return ch.c; }).join('');
        found.push({ kind: kindOf(block), problem: 'orphan', text: textOf(block), detail: '…' + all.slice(-(lastLine.length + 4), -lastLine.length) + '|' + lastLine });
      }
    });
    return found;
  }

  function inputLabel(input) {
    var labelledBy = input.getAttribute('aria-labelledby');
    if (labelledBy) {
      var text = labelledBy.split(/\s+/).map(function (id) {
        var el = document.getElementById(id);
        return el ? textOf(el) : '';
      }).join(' ');
      if (squash(text)) return squash(text);
    }
    return squash(input.getAttribute('aria-label') || '');
  }
})();
