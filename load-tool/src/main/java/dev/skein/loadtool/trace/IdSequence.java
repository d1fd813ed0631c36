package dev.skein.loadtool.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The characters of a one-writer text in document order, deleted ones included, each known by
 * its clock: enough to tell, for an insertion at a visible position, which ids Yjs would use as
 * its origins. Kept in blocks of a bounded size so that an insertion moves one block, not the
 * whole text (the B4 trace makes 260,000 edits in a 180,000-character sequence).
 */
final class IdSequence {

    private static final int MAX_BLOCK = 1024;

    /** A run of characters: their clocks, deleted flags, and how many are visible. */
    private static final class Block {
        int[] clocks = new int[MAX_BLOCK];
        boolean[] deleted = new boolean[MAX_BLOCK];
        int size;
        int visible;
    }

    /** A place between characters: before element {@code index} of block {@code block}. */
    record Cursor(int block, int index) {
    }

    private final List<Block> blocks = new ArrayList<>(List.of(new Block()));
    private int visibleTotal;

    /** Visible characters. */
    int visible() {
        return visibleTotal;
    }

    /**
     * Where Y.Text inserts at visible position {@code position}: after the position-th visible
     * character, then past any deleted characters that follow it (Yjs's
     * {@code minimizeAttributeChanges} walks over deleted items before inserting).
     */
    Cursor insertionPoint(int position) {
        Cursor cursor = afterVisible(position);
        while (true) {
            cursor = normalize(cursor);
            if (cursor.block() >= blocks.size() || !blocks.get(cursor.block()).deleted[cursor.index()]) {
                return cursor;
            }
            cursor = new Cursor(cursor.block(), cursor.index() + 1);
        }
    }

    /** The clock of the character left of {@code cursor}, or -1 at the start. */
    int clockBefore(Cursor cursor) {
        int b = cursor.block();
        int i = cursor.index() - 1;
        while (i < 0) {
            if (--b < 0) {
                return -1;
            }
            i = blocks.get(b).size - 1;
        }
        return blocks.get(b).clocks[i];
    }

    /** The clock of the character right of {@code cursor}, or -1 at the end. */
    int clockAt(Cursor cursor) {
        Cursor c = normalize(cursor);
        return c.block() >= blocks.size() ? -1 : blocks.get(c.block()).clocks[c.index()];
    }

    /** Inserts {@code count} characters with consecutive clocks from {@code firstClock} at {@code cursor}. */
    void insert(Cursor cursor, int firstClock, int count) {
        int b = Math.min(cursor.block(), blocks.size() - 1);
        int index = cursor.block() >= blocks.size() ? blocks.get(b).size : cursor.index();
        for (int k = 0; k < count; k++) {
            Block block = blocks.get(b);
            if (block.size == MAX_BLOCK) {
                split(b);
                if (index > blocks.get(b).size) {
                    index -= blocks.get(b).size;
                    b++;
                }
                block = blocks.get(b);
            }
            System.arraycopy(block.clocks, index, block.clocks, index + 1, block.size - index);
            System.arraycopy(block.deleted, index, block.deleted, index + 1, block.size - index);
            block.clocks[index] = firstClock + k;
            block.deleted[index] = false;
            block.size++;
            block.visible++;
            visibleTotal++;
            index++;
        }
    }

    /** Marks the visible character at {@code position} (0-based) deleted and returns its clock. */
    int deleteVisible(int position) {
        int remaining = position;
        for (Block block : blocks) {
            if (remaining >= block.visible) {
                remaining -= block.visible;
                continue;
            }
            for (int i = 0; i < block.size; i++) {
                if (!block.deleted[i] && remaining-- == 0) {
                    block.deleted[i] = true;
                    block.visible--;
                    visibleTotal--;
                    return block.clocks[i];
                }
            }
        }
        throw new IllegalArgumentException("no visible character at " + position + " (" + visibleTotal + " visible)");
    }

    /** Every clock in document order, deleted characters included. */
    int[] order() {
        int total = blocks.stream().mapToInt(b -> b.size).sum();
        int[] out = new int[total];
        int at = 0;
        for (Block block : blocks) {
            System.arraycopy(block.clocks, 0, out, at, block.size);
            at += block.size;
        }
        return out;
    }

    private Cursor afterVisible(int position) {
        if (position == 0) {
            return new Cursor(0, 0);
        }
        int remaining = position;
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (remaining > block.visible) {
                remaining -= block.visible;
                continue;
            }
            for (int i = 0; i < block.size; i++) {
                if (!block.deleted[i] && --remaining == 0) {
                    return new Cursor(b, i + 1);
                }
            }
        }
        throw new IllegalArgumentException("position " + position + " beyond the text (" + visibleTotal + " visible)");
    }

    /** Moves a cursor at the end of a block to the start of the next one (or past the last). */
    private Cursor normalize(Cursor cursor) {
        int b = cursor.block();
        int i = cursor.index();
        while (b < blocks.size() && i >= blocks.get(b).size) {
            i -= blocks.get(b).size;
            b++;
        }
        return new Cursor(b, i);
    }

    private void split(int b) {
        Block full = blocks.get(b);
        Block right = new Block();
        int half = full.size / 2;
        right.size = full.size - half;
        System.arraycopy(full.clocks, half, right.clocks, 0, right.size);
        System.arraycopy(full.deleted, half, right.deleted, 0, right.size);
        Arrays.fill(full.deleted, half, full.size, false);
        full.size = half;
        full.visible = count(full);
        right.visible = count(right);
        blocks.add(b + 1, right);
    }

    private static int count(Block block) {
        int visible = 0;
        for (int i = 0; i < block.size; i++) {
            visible += block.deleted[i] ? 0 : 1;
        }
        return visible;
    }
}
