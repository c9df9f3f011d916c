package com.example;

/** Planets, with their masses. */
public enum Planet {
    MERCURY(3.303e+23),
    /** Ours. */
    EARTH(5.976e+24),
    PLUTO(1.0) {
        @Override
        boolean isPlanet() {
            return false;
        }
    };

    private final double mass;

    Planet(double mass) {
        this.mass = mass;
    }

    boolean isPlanet() {
        return true;
    }

    double mass() {
        return mass;
    }
}
