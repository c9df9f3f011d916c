// Grüße: identifiers may be Unicode.
namespace größe {
int maß() { return 1; }
}

int 変数() { return größe::maß(); }
