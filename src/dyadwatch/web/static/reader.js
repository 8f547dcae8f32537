// The article reader: when the URL points at an event card (#e-…), mark that event's sentence in the
// text and bring it into view too, so a link from the events table lands on both. Cards carry their
// sentence index (data-sentence); sentences are spans with id s<index>. Links to #s<index> need no
// script: CSS :target marks them.
"use strict";

function markSentence() {
  for (const lit of document.querySelectorAll(".sentence.lit")) {
    lit.classList.remove("lit");
  }
  const card = document.querySelector(".card:target[data-sentence]");
  if (!card) {
    return;
  }
  const sentence = document.getElementById("s" + card.dataset.sentence);
  if (!sentence) {
    return;
  }
  sentence.classList.add("lit");
  const box = sentence.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) {
    sentence.scrollIntoView({block: "center"});
  }
}

window.addEventListener("hashchange", markSentence);
window.addEventListener("load", markSentence);
