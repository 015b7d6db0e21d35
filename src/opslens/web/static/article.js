// The article page: a click on a highlighted fact shows its details and its source chain in the
// side panel. The facts come from the page's JSON block; everything is written with textContent,
// never as HTML, so article text cannot become markup here either.
"use strict";
(function () {
  const block = document.getElementById("facts-data");
  const text = document.getElementById("article-text");
  if (!block || !text) return;
  const facts = JSON.parse(block.textContent);
  const panel = {
    title: document.getElementById("fact-title"),
    kind: document.getElementById("fact-kind"),
    details: document.getElementById("fact-details"),
    chain: document.getElementById("fact-chain"),
    links: document.getElementById("fact-chain-links"),
    link: document.getElementById("fact-link"),
  };

  function show(key) {
    const fact = facts[key];
    if (!fact) return;
    panel.title.textContent = fact.label;
    panel.kind.textContent = fact.kind;
    panel.details.replaceChildren();
    for (const [name, value] of fact.details) {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value;
      panel.details.append(dt, dd);
    }
    panel.chain.textContent = fact.chain_text;
    panel.links.replaceChildren(...fact.chain.map((name) => {
      const li = document.createElement("li");
      li.textContent = name;
      return li;
    }));
    panel.link.classList.toggle("hidden", !fact.href);
    if (fact.href) panel.link.setAttribute("href", fact.href);
    for (const el of text.querySelectorAll(".fact.selected")) el.classList.remove("selected");
    for (const el of text.querySelectorAll(".fact")) {
      if (el.dataset.fact === key) el.classList.add("selected");
    }
  }

  function chosen(event) {
    const el = event.target.closest("[data-fact]");
    if (el && text.contains(el)) {
      event.stopPropagation();
      show(el.dataset.fact);
    }
  }

  // A link to an article at one of its facts (the map links to /articles/ROW#event:v1) opens it.
  function fromHash() {
    const key = decodeURIComponent(window.location.hash.slice(1));
    const el = Array.from(text.querySelectorAll("[data-fact]")).find((x) => x.dataset.fact === key);
    if (!el) return;
    show(key);
    el.scrollIntoView({ block: "center" });
  }

  text.addEventListener("click", chosen);
  window.addEventListener("hashchange", fromHash);
  fromHash();
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      chosen(event);
    }
  });
})();
