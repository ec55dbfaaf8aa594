package dev.webhookkit.examples;

/** Placeholder, replaced below. */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        System.out.println("demo");
    }
}
