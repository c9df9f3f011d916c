#pragma once
namespace app {
int config_value();
class Service {
public:
    int start();
};
}
