// Citation previews: hovering or focusing a citation (a.cite) shows the cited words
// highlighted in their paragraph, with the source's title, publisher and date.
//
// Everything comes from the page itself: each citation names, in data attributes, the element
// holding its paragraph's text (data-para: a hidden copy, or the passage the page shows) and
// its source (data-source), and carries the cited words (data-quote; data-exact when they are
// the exact words rather than the opening of a paragraph cited whole). Nothing is fetched and
// text is only ever inserted as text. Without this script a citation is a plain link with a
// tooltip.
//
// Touch: the first tap on a citation shows its preview instead of following the link; a
// second tap on the same citation (or the preview's own link) follows it.
//
// Keyboard: focus on a citation shows its preview; Tab moves into the preview's links (it is
// a non-modal dialog, since it holds links, which a tooltip may not), Tab past its last link
// goes on to what follows the citation, Shift+Tab from its first link goes back to the
// citation, and Escape closes it and returns to the citation.
(function () {
  "use strict";
  var CONTEXT = 160; // characters of the paragraph shown each side of the cited words
  var popover = null;
  var current = null;
  var hideTimer = 0;
  var lastPointer = "mouse";
  var returning = false; // focus going back to a citation whose preview was just closed

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function paragraphText(link) {
    var id = link.getAttribute("data-para");
    var node = id && document.getElementById(id);
    if (!node) return "";
    if (node.tagName === "FIGURE") node = node.querySelector("blockquote") || node;
    return normalise(node.textContent);
  }

  // The paragraph around the cited words, cut at word boundaries: [before, words, after].
  function excerpt(text, quote, exact) {
    var at = exact && quote ? text.indexOf(quote) : -1;
    if (at < 0) {
      var cut = text.length > CONTEXT * 2 ? text.slice(0, CONTEXT * 2).replace(/\s+\S*$/, "") + " …" : text;
      return [cut, "", ""];
    }
    var start = Math.max(0, at - CONTEXT);
    var end = Math.min(text.length, at + quote.length + CONTEXT);
    var before = text.slice(start, at);
    var after = text.slice(at + quote.length, end);
    if (start > 0) before = "… " + before.replace(/^\S*\s+/, "");
    if (end < text.length) after = after.replace(/\s+\S*$/, "") + " …";
    return [before, quote, after];
  }

  function build(link) {
    var box = el("div", "cite-preview-box");
    var sourceId = link.getAttribute("data-source");
    var source = sourceId && document.getElementById(sourceId);
    var title = source ? source.getAttribute("data-title") : link.getAttribute("data-tip") || "";
    box.appendChild(el("p", "cite-preview-title", title));
    var meta = [];
    if (source && source.getAttribute("data-publisher")) meta.push(source.getAttribute("data-publisher"));
    if (source && source.getAttribute("data-published")) meta.push(source.getAttribute("data-published"));
    var where = normalise(link.textContent);
    box.appendChild(el("p", "cite-preview-meta", meta.concat([where]).join(" · ")));
    var quote = normalise(link.getAttribute("data-quote") || "");
    var text = paragraphText(link);
    if (text || quote) {
      var parts = excerpt(text || quote, quote, link.hasAttribute("data-exact"));
      var para = el("p", "cite-preview-text");
      para.appendChild(document.createTextNode(parts[0]));
      if (parts[1]) para.appendChild(el("mark", "", parts[1]));
      para.appendChild(document.createTextNode(parts[2]));
      box.appendChild(para);
    }
    var links = el("p", "cite-preview-links");
    var open = el("a", "", "Open the paragraph");
    open.href = link.href;
    links.appendChild(open);
    var live = link.getAttribute("data-live");
    if (live && /^https?:/i.test(live)) {
      links.appendChild(document.createTextNode(" · "));
      var a = el("a", "", "live page");
      a.href = live;
      a.rel = "noopener noreferrer";
      links.appendChild(a);
    }
    box.appendChild(links);
    return box;
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = popover.offsetWidth;
    var height = popover.offsetHeight;
    var viewW = document.documentElement.clientWidth;
    var viewH = window.innerHeight;
    var main = document.querySelector("main");
    var right = main ? main.getBoundingClientRect().right : viewW;
    var left;
    var top;
    if (viewW - right >= width + 16) {
      // A wide screen: in the right margin, level with the citation.
      left = right + 8;
      top = rect.top;
    } else {
      left = Math.min(Math.max(8, rect.left), viewW - width - 8);
      top = rect.bottom + 6;
      if (top + height > viewH - 8 && rect.top - height - 6 >= 8) top = rect.top - height - 6;
    }
    top = Math.max(8, Math.min(top, viewH - height - 8));
    popover.style.left = Math.max(8, left) + window.scrollX + "px";
    popover.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (current === link) return;
    hide();
    if (!popover) {
      popover = el("div", "cite-preview");
      popover.id = "cite-preview";
      popover.setAttribute("role", "dialog");
      popover.setAttribute("aria-label", "Cited passage");
      popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      popover.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(popover);
    }
    popover.textContent = "";
    popover.appendChild(build(link));
    popover.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", popover.id);
    current = link;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!current) return;
    current.removeAttribute("aria-describedby");
    current = null;
    if (popover) popover.hidden = true;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  // Everything Tab can reach, in document order, the preview aside.
  function tabbable() {
    var all = document.querySelectorAll(
      "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, summary, [tabindex]"
    );
    var found = [];
    for (var i = 0; i < all.length; i++) {
      var node = all[i];
      if (node.tabIndex < 0 || (popover && popover.contains(node))) continue;
      if (!node.getClientRects().length) continue; // not rendered: hidden or in folded evidence
      found.push(node);
    }
    return found;
  }

  function popoverLinks() {
    return popover && !popover.hidden ? popover.querySelectorAll("a[href]") : [];
  }

  function onTab(event) {
    var links = popoverLinks();
    if (!current || !links.length) return;
    var target = event.target;
    if (target === current && !event.shiftKey) {
      event.preventDefault();
      links[0].focus();
    } else if (target === links[0] && event.shiftKey) {
      event.preventDefault();
      current.focus();
    } else if (target === links[links.length - 1] && !event.shiftKey) {
      var order = tabbable();
      var next = order[order.indexOf(current) + 1];
      event.preventDefault();
      hide();
      if (next) next.focus();
    }
  }

  function citation(target) {
    return target && target.closest ? target.closest("a.cite") : null;
  }

  function init() {
    var links = document.querySelectorAll("a.cite");
    for (var i = 0; i < links.length; i++) {
      // The preview replaces the tooltip; keep its words for a citation with no data.
      var tip = links[i].getAttribute("title");
      if (tip !== null) {
        links[i].setAttribute("data-tip", tip);
        links[i].removeAttribute("title");
      }
    }
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      if (popover && current && !popover.contains(event.target) && citation(event.target) !== current) hide();
    });
    document.addEventListener("mouseover", function (event) {
      var link = citation(event.target);
      if (link && lastPointer !== "touch") show(link);
    });
    document.addEventListener("mouseout", function (event) {
      if (citation(event.target) && lastPointer !== "touch") scheduleHide();
    });
    document.addEventListener("focusin", function (event) {
      var link = citation(event.target);
      if (link && !returning) show(link);
      else if (link) return;
      else if (popover && popover.contains(event.target)) clearTimeout(hideTimer);
      else hide();
    });
    document.addEventListener("focusout", function (event) {
      if (citation(event.target)) scheduleHide();
    });
    document.addEventListener("click", function (event) {
      var link = citation(event.target);
      if (!link || lastPointer !== "touch") return;
      if (current !== link) {
        // First tap: show what is cited; the next tap on it follows the link.
        event.preventDefault();
        show(link);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Tab") onTab(event);
      if (event.key === "Escape" && current) {
        var back = popover && popover.contains(document.activeElement) ? current : null;
        hide();
        if (back) {
          returning = true;
          back.focus();
          returning = false;
        }
      }
    });
    window.addEventListener("resize", hide);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
