#include "engine.h"
void Engine::start() {}
