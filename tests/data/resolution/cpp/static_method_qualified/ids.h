#pragma once
class Ids {
public:
    static int next();
};
