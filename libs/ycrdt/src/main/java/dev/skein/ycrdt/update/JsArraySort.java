package dev.skein.ycrdt.update;

import java.util.Comparator;

/**
 * {@code Array.prototype.sort} as V8 (Node.js) performs it: TimSort with binary insertion for
 * short runs, galloping merges and the same run-stack rules.
 *
 * <p>For a consistent comparator any stable sort gives the same result. Yjs's merge uses a
 * comparator that is not consistent (it orders a GC and an Item at the same id "first" both ways),
 * and then the result depends on exactly which comparisons the algorithm makes. To produce the
 * bytes yjs produces in that case, {@link UpdateMerger} sorts with this class, which makes the
 * same comparisons in the same order as V8.
 */
final class JsArraySort<T> {

    private static final int MIN_GALLOP = 7;

    private final T[] a;
    private final Comparator<? super T> cmp;
    private int minGallop = MIN_GALLOP;
    private final int[] runBase = new int[85];
    private final int[] runLen = new int[85];
    private int stackSize;
    private Object[] tmp = new Object[16];

    private JsArraySort(T[] a, Comparator<? super T> cmp) {
        this.a = a;
        this.cmp = cmp;
    }

    /** Sorts {@code a[0, n)} in place exactly as V8's {@code Array.prototype.sort} would. */
    static <T> void sort(T[] a, int n, Comparator<? super T> cmp) {
        if (n < 2) {
            return;
        }
        new JsArraySort<>(a, cmp).timSort(n);
    }

    private int compare(Object x, Object y) {
        @SuppressWarnings("unchecked")
        int r = cmp.compare((T) x, (T) y);
        return r;
    }

    private void timSort(int length) {
        int remaining = length;
        int low = 0;
        int minRun = minRunLength(remaining);
        while (remaining != 0) {
            int run = countAndMakeRun(low, low + remaining);
            if (run < minRun) {
                int forced = Math.min(minRun, remaining);
                binaryInsertionSort(low, low + run, low + forced);
                run = forced;
            }
            runBase[stackSize] = low;
            runLen[stackSize] = run;
            stackSize++;
            mergeCollapse();
            low += run;
            remaining -= run;
        }
        mergeForceCollapse();
    }

    private static int minRunLength(int n) {
        int r = 0;
        while (n >= 64) {
            r |= n & 1;
            n >>= 1;
        }
        return n + r;
    }

    private int countAndMakeRun(int lowArg, int high) {
        int low = lowArg + 1;
        if (low == high) {
            return 1;
        }
        int runLength = 2;
        Object elementLow = a[low];
        int order = compare(elementLow, a[low - 1]);
        boolean descending = order < 0;
        Object previous = elementLow;
        for (int idx = low + 1; idx < high; idx++) {
            Object current = a[idx];
            order = compare(current, previous);
            if (descending) {
                if (order >= 0) {
                    break;
                }
            } else if (order < 0) {
                break;
            }
            previous = current;
            runLength++;
        }
        if (descending) {
            reverse(lowArg, lowArg + runLength);
        }
        return runLength;
    }

    private void reverse(int from, int to) {
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            T t = a[lo];
            a[lo++] = a[hi];
            a[hi--] = t;
        }
    }

    private void binaryInsertionSort(int low, int startArg, int high) {
        int start = low == startArg ? startArg + 1 : startArg;
        for (; start < high; start++) {
            int left = low;
            int right = start;
            T pivot = a[start];
            while (left < right) {
                int mid = left + ((right - left) >> 1);
                if (compare(pivot, a[mid]) < 0) {
                    right = mid;
                } else {
                    left = mid + 1;
                }
            }
            System.arraycopy(a, left, a, left + 1, start - left);
            a[left] = pivot;
        }
    }

    private boolean invariantHolds(int n) {
        if (n < 2) {
            return true;
        }
        return runLen[n - 2] > runLen[n - 1] + runLen[n];
    }

    private void mergeCollapse() {
        while (stackSize > 1) {
            int n = stackSize - 2;
            if (!invariantHolds(n + 1) || !invariantHolds(n)) {
                if (runLen[n - 1] < runLen[n + 1]) {
                    n--;
                }
                mergeAt(n);
            } else if (runLen[n] <= runLen[n + 1]) {
                mergeAt(n);
            } else {
                break;
            }
        }
    }

    private void mergeForceCollapse() {
        while (stackSize > 1) {
            int n = stackSize - 2;
            if (n > 0 && runLen[n - 1] < runLen[n + 1]) {
                n--;
            }
            mergeAt(n);
        }
    }

    private void mergeAt(int i) {
        int baseA = runBase[i];
        int lengthA = runLen[i];
        int baseB = runBase[i + 1];
        int lengthB = runLen[i + 1];
        runLen[i] = lengthA + lengthB;
        if (i == stackSize - 3) {
            runBase[i + 1] = runBase[i + 2];
            runLen[i + 1] = runLen[i + 2];
        }
        stackSize--;
        int k = gallopRight(a, a[baseB], baseA, lengthA, 0);
        baseA += k;
        lengthA -= k;
        if (lengthA == 0) {
            return;
        }
        lengthB = gallopLeft(a, a[baseA + lengthA - 1], baseB, lengthB, lengthB - 1);
        if (lengthB == 0) {
            return;
        }
        if (lengthA <= lengthB) {
            mergeLow(baseA, lengthA, baseB, lengthB);
        } else {
            mergeHigh(baseA, lengthA, baseB, lengthB);
        }
    }

    /** Leftmost position in {@code arr[base, base+length)} where {@code key} goes (before equals). */
    private int gallopLeft(Object[] arr, Object key, int base, int length, int hint) {
        int lastOfs = 0;
        int offset = 1;
        int order = compare(arr[base + hint], key);
        if (order < 0) {
            int maxOfs = length - hint;
            while (offset < maxOfs) {
                order = compare(arr[base + hint + offset], key);
                if (order >= 0) {
                    break;
                }
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) {
                    offset = maxOfs;
                }
            }
            if (offset > maxOfs) {
                offset = maxOfs;
            }
            lastOfs += hint;
            offset += hint;
        } else {
            int maxOfs = hint + 1;
            while (offset < maxOfs) {
                order = compare(arr[base + hint - offset], key);
                if (order < 0) {
                    break;
                }
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) {
                    offset = maxOfs;
                }
            }
            if (offset > maxOfs) {
                offset = maxOfs;
            }
            int t = lastOfs;
            lastOfs = hint - offset;
            offset = hint - t;
        }
        lastOfs++;
        while (lastOfs < offset) {
            int m = lastOfs + ((offset - lastOfs) >> 1);
            if (compare(arr[base + m], key) < 0) {
                lastOfs = m + 1;
            } else {
                offset = m;
            }
        }
        return offset;
    }

    /** Rightmost position in {@code arr[base, base+length)} where {@code key} goes (after equals). */
    private int gallopRight(Object[] arr, Object key, int base, int length, int hint) {
        int lastOfs = 0;
        int offset = 1;
        int order = compare(key, arr[base + hint]);
        if (order < 0) {
            int maxOfs = hint + 1;
            while (offset < maxOfs) {
                order = compare(key, arr[base + hint - offset]);
                if (order >= 0) {
                    break;
                }
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) {
                    offset = maxOfs;
                }
            }
            if (offset > maxOfs) {
                offset = maxOfs;
            }
            int t = lastOfs;
            lastOfs = hint - offset;
            offset = hint - t;
        } else {
            int maxOfs = length - hint;
            while (offset < maxOfs) {
                order = compare(key, arr[base + hint + offset]);
                if (order < 0) {
                    break;
                }
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) {
                    offset = maxOfs;
                }
            }
            if (offset > maxOfs) {
                offset = maxOfs;
            }
            lastOfs += hint;
            offset += hint;
        }
        lastOfs++;
        while (lastOfs < offset) {
            int m = lastOfs + ((offset - lastOfs) >> 1);
            if (compare(key, arr[base + m]) < 0) {
                offset = m;
            } else {
                lastOfs = m + 1;
            }
        }
        return offset;
    }

    private Object[] temp(int n) {
        if (tmp.length < n) {
            tmp = new Object[Math.max(n, tmp.length * 2)];
        }
        return tmp;
    }

    @SuppressWarnings("unchecked")
    private void mergeLow(int baseA, int lengthAArg, int baseB, int lengthBArg) {
        int lengthA = lengthAArg;
        int lengthB = lengthBArg;
        Object[] t = temp(lengthA);
        System.arraycopy(a, baseA, t, 0, lengthA);
        int dest = baseA;
        int cursorTemp = 0;
        int cursorB = baseB;
        a[dest++] = a[cursorB++];
        boolean copyB;
        outer:
        {
            if (--lengthB == 0) {
                copyB = false;
                break outer;
            }
            if (lengthA == 1) {
                copyB = true;
                break outer;
            }
            int mg = minGallop;
            while (true) {
                int winsA = 0;
                int winsB = 0;
                while (true) {
                    if (compare(a[cursorB], t[cursorTemp]) < 0) {
                        a[dest++] = a[cursorB++];
                        winsB++;
                        lengthB--;
                        winsA = 0;
                        if (lengthB == 0) {
                            copyB = false;
                            break outer;
                        }
                        if (winsB >= mg) {
                            break;
                        }
                    } else {
                        a[dest++] = (T) t[cursorTemp++];
                        winsA++;
                        lengthA--;
                        winsB = 0;
                        if (lengthA == 1) {
                            copyB = true;
                            break outer;
                        }
                        if (winsA >= mg) {
                            break;
                        }
                    }
                }
                mg++;
                boolean first = true;
                while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
                    first = false;
                    mg = Math.max(1, mg - 1);
                    minGallop = mg;
                    winsA = gallopRight(t, a[cursorB], cursorTemp, lengthA, 0);
                    if (winsA > 0) {
                        System.arraycopy(t, cursorTemp, a, dest, winsA);
                        dest += winsA;
                        cursorTemp += winsA;
                        lengthA -= winsA;
                        if (lengthA == 1) {
                            copyB = true;
                            break outer;
                        }
                        if (lengthA == 0) {
                            copyB = false;
                            break outer;
                        }
                    }
                    a[dest++] = a[cursorB++];
                    if (--lengthB == 0) {
                        copyB = false;
                        break outer;
                    }
                    winsB = gallopLeft(a, t[cursorTemp], cursorB, lengthB, 0);
                    if (winsB > 0) {
                        System.arraycopy(a, cursorB, a, dest, winsB);
                        dest += winsB;
                        cursorB += winsB;
                        lengthB -= winsB;
                        if (lengthB == 0) {
                            copyB = false;
                            break outer;
                        }
                    }
                    a[dest++] = (T) t[cursorTemp++];
                    if (--lengthA == 1) {
                        copyB = true;
                        break outer;
                    }
                }
                mg++;
                minGallop = mg;
            }
        }
        if (copyB) {
            // the last element of run A belongs at the end of the merge
            System.arraycopy(a, cursorB, a, dest, lengthB);
            a[dest + lengthB] = (T) t[cursorTemp];
        } else if (lengthA > 0) {
            System.arraycopy(t, cursorTemp, a, dest, lengthA);
        }
    }

    @SuppressWarnings("unchecked")
    private void mergeHigh(int baseA, int lengthAArg, int baseB, int lengthBArg) {
        int lengthA = lengthAArg;
        int lengthB = lengthBArg;
        Object[] t = temp(lengthB);
        System.arraycopy(a, baseB, t, 0, lengthB);
        int dest = baseB + lengthB - 1;
        int cursorTemp = lengthB - 1;
        int cursorA = baseA + lengthA - 1;
        a[dest--] = a[cursorA--];
        boolean copyA;
        outer:
        {
            if (--lengthA == 0) {
                copyA = false;
                break outer;
            }
            if (lengthB == 1) {
                copyA = true;
                break outer;
            }
            int mg = minGallop;
            while (true) {
                int winsA = 0;
                int winsB = 0;
                while (true) {
                    if (compare(t[cursorTemp], a[cursorA]) < 0) {
                        a[dest--] = a[cursorA--];
                        winsA++;
                        lengthA--;
                        winsB = 0;
                        if (lengthA == 0) {
                            copyA = false;
                            break outer;
                        }
                        if (winsA >= mg) {
                            break;
                        }
                    } else {
                        a[dest--] = (T) t[cursorTemp--];
                        winsB++;
                        lengthB--;
                        winsA = 0;
                        if (lengthB == 1) {
                            copyA = true;
                            break outer;
                        }
                        if (winsB >= mg) {
                            break;
                        }
                    }
                }
                mg++;
                boolean first = true;
                while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
                    first = false;
                    mg = Math.max(1, mg - 1);
                    minGallop = mg;
                    int k = gallopRight(a, t[cursorTemp], baseA, lengthA, lengthA - 1);
                    winsA = lengthA - k;
                    if (winsA > 0) {
                        dest -= winsA;
                        cursorA -= winsA;
                        System.arraycopy(a, cursorA + 1, a, dest + 1, winsA);
                        lengthA -= winsA;
                        if (lengthA == 0) {
                            copyA = false;
                            break outer;
                        }
                    }
                    a[dest--] = (T) t[cursorTemp--];
                    if (--lengthB == 1) {
                        copyA = true;
                        break outer;
                    }
                    k = gallopLeft(t, a[cursorA], 0, lengthB, lengthB - 1);
                    winsB = lengthB - k;
                    if (winsB > 0) {
                        dest -= winsB;
                        cursorTemp -= winsB;
                        System.arraycopy(t, cursorTemp + 1, a, dest + 1, winsB);
                        lengthB -= winsB;
                        if (lengthB == 1) {
                            copyA = true;
                            break outer;
                        }
                        if (lengthB == 0) {
                            copyA = false;
                            break outer;
                        }
                    }
                    a[dest--] = a[cursorA--];
                    if (--lengthA == 0) {
                        copyA = false;
                        break outer;
                    }
                }
                mg++;
                minGallop = mg;
            }
        }
        if (copyA) {
            // the first element of run B belongs at the front of the merge
            dest -= lengthA;
            cursorA -= lengthA;
            System.arraycopy(a, cursorA + 1, a, dest + 1, lengthA);
            a[dest] = (T) t[cursorTemp];
        } else if (lengthB > 0) {
            System.arraycopy(t, 0, a, dest - (lengthB - 1), lengthB);
        }
    }
}
