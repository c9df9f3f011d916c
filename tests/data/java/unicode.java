package com.example.ünï;

/** Größe: size in Ω. */
class Größe {
    void messen() {
        berechnen("π");
    }

    void berechnen(String s) {}
}
