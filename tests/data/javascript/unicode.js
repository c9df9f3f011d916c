/** Sagt «Hallo». */
function grüße(name) {
  return `Hallo ${name} — schön`;
}

class Café {
  naïve() {
    return grüße("Zoë");
  }
}

const 名前 = () => grüße("世界");
