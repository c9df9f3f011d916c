package com.example;

class Broken {
    void ok() {
        helper();
    }

    void broken( {
        int x = ;
        helper(
    }

    void helper() {}
}

class After {
    void still() {
        new Broken().ok();
    }
}
