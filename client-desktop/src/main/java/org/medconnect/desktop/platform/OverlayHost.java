package org.medconnect.desktop.platform;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The window's content plus sheets stacked over it (forms, confirmations, the re-sign-in prompt).
 * Sheets live in the same scene, so a prompt on top leaves the form underneath exactly as typed.
 */
public final class OverlayHost {

    private final StackPane root = new StackPane();
    private Node content;

    public OverlayHost() {
        root.setId("overlay-host");
    }

    public StackPane node() {
        return root;
    }

    public void setContent(Node newContent) {
        root.getChildren().clear();
        content = newContent;
        root.getChildren().add(newContent);
    }

    /** Shows {@code card} centred over everything shown so far; close it with the returned handle. */
    public Sheet show(Region card) {
        StackPane scrim = new StackPane(card);
        scrim.getStyleClass().add("sheet-scrim");
        scrim.getStyleClass().add("overlay-scrim");
        scrim.setPadding(new Insets(24));
        StackPane.setAlignment(card, Pos.CENTER);
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        card.getStyleClass().add("sheet-card");
        card.getStyleClass().add("overlay-card");
        // Earlier sheets stay in place but cannot be clicked while a newer one is on top.
        root.getChildren().forEach(child -> child.setDisable(true));
        root.getChildren().add(scrim);
        return new Sheet(scrim);
    }

    /**
     * Covers everything at once with {@code card} on an opaque backdrop: what lies beneath keeps its state
     * (typed text, open sheets) but is hidden, so no patient data shows while the session is locked.
     * Closing the returned sheet shows it all again as it was.
     */
    public Sheet lock(Region card) {
        java.util.List<Node> hidden = root.getChildren().stream().filter(Node::isVisible).toList();
        hidden.forEach(child -> child.setVisible(false));
        Sheet sheet = show(card);
        sheet.scrim.getStyleClass().add("session-lock");
        sheet.hidden = hidden;
        return sheet;
    }

    public boolean hasSheets() {
        return root.getChildren().size() > 1;
    }

    /** Removes every sheet, e.g. when a different user signs in. */
    public void closeAll() {
        root.getChildren().retainAll(content);
        if (content != null) {
            content.setDisable(false);
            content.setVisible(true);
        }
    }

    /** One shown sheet. */
    public final class Sheet {
        private final StackPane scrim;
        private java.util.List<Node> hidden = java.util.List.of();

        private Sheet(StackPane scrim) {
            this.scrim = scrim;
        }

        public void close() {
            root.getChildren().remove(scrim);
            hidden.forEach(node -> node.setVisible(true));
            hidden = java.util.List.of();
            if (!root.getChildren().isEmpty()) {
                root.getChildren().getLast().setDisable(false);
            }
        }

        public boolean isOpen() {
            return root.getChildren().contains(scrim);
        }
    }
}
