package demo;

import javax.swing.JPanel;

class Screen {
    void refresh() {}

    class Panel extends JPanel {
        void redraw() {
            refresh();
        }
    }
}
