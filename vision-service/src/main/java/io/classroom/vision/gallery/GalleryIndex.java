package io.classroom.vision.gallery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The enrolled faces of one tenant as one contiguous array of L2-normalised vectors, searched by brute-force
 * dot products (cosine). A user's faces are always replaced as a whole, matching the compacted topic where each
 * event carries the user's complete set.
 */
public final class GalleryIndex {

    private final int dimension;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private float[] vectors = new float[0];
    private UUID[] owners = new UUID[0];
    private int size;
    private final Map<UUID, List<Integer>> rowsByUser = new HashMap<>();

    public GalleryIndex(int dimension) {
        this.dimension = dimension;
    }

    /** The best matching user and the best other user (null fields when absent). */
    public record Match(UUID userId, double similarity, UUID secondUserId, double secondSimilarity) {

        public static final Match NONE = new Match(null, -1, null, -1);
    }

    /** Replaces all faces of a user (an empty list removes the user). */
    public void replace(UUID userId, List<float[]> entries) {
        lock.writeLock().lock();
        try {
            removeRows(userId);
            if (entries.isEmpty()) {
                return;
            }
            ensureCapacity(size + entries.size());
            var rows = new ArrayList<Integer>(entries.size());
            for (var vector : entries) {
                if (vector.length != dimension) {
                    throw new IllegalArgumentException("vector of " + vector.length + " floats, expected " + dimension);
                }
                System.arraycopy(vector, 0, vectors, size * dimension, dimension);
                owners[size] = userId;
                rows.add(size);
                size++;
            }
            rowsByUser.put(userId, rows);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int faceCount(UUID userId) {
        lock.readLock().lock();
        try {
            var rows = rowsByUser.get(userId);
            return rows == null ? 0 : rows.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Best and second-best distinct users by cosine similarity.
     *
     * @param allowed when not null, only these users are candidates (the session roster)
     */
    public Match search(float[] query, Set<UUID> allowed) {
        lock.readLock().lock();
        try {
            var top = new TopTwo(allowed);
            var v = vectors;
            int d = dimension;
            int row = 0;
            // Four rows per pass share each query element: independent sums keep the CPU busy (about 1.5x).
            for (; row + 3 < size; row += 4) {
                int o0 = row * d;
                int o1 = o0 + d;
                int o2 = o1 + d;
                int o3 = o2 + d;
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int i = 0; i < d; i++) {
                    float q = query[i];
                    s0 += q * v[o0 + i];
                    s1 += q * v[o1 + i];
                    s2 += q * v[o2 + i];
                    s3 += q * v[o3 + i];
                }
                top.offer(owners[row], s0);
                top.offer(owners[row + 1], s1);
                top.offer(owners[row + 2], s2);
                top.offer(owners[row + 3], s3);
            }
            for (; row < size; row++) {
                float sum = 0;
                int o = row * d;
                for (int i = 0; i < d; i++) {
                    sum += query[i] * v[o + i];
                }
                top.offer(owners[row], sum);
            }
            return top.best == null ? Match.NONE : new Match(top.best, top.bestSim, top.second, top.secondSim);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The best cosine similarity of a query to one user's own faces (1:1 verification); empty when the user has none.
     */
    public OptionalDouble bestOf(UUID userId, float[] query) {
        lock.readLock().lock();
        try {
            var rows = rowsByUser.get(userId);
            if (rows == null || rows.isEmpty()) {
                return OptionalDouble.empty();
            }
            double best = -1;
            for (int row : rows) {
                float sum = 0;
                int o = row * dimension;
                for (int i = 0; i < dimension; i++) {
                    sum += query[i] * vectors[o + i];
                }
                best = Math.max(best, sum);
            }
            return OptionalDouble.of(best);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Best and second-best distinct users seen so far. */
    private static final class TopTwo {
        private final Set<UUID> allowed;
        UUID best;
        UUID second;
        double bestSim = -1;
        double secondSim = -1;

        TopTwo(Set<UUID> allowed) {
            this.allowed = allowed;
        }

        void offer(UUID owner, double sim) {
            if (sim <= secondSim || (allowed != null && !allowed.contains(owner))) {
                return;
            }
            if (sim > bestSim) {
                if (!owner.equals(best)) {
                    second = best;
                    secondSim = bestSim;
                }
                best = owner;
                bestSim = sim;
            } else if (!owner.equals(best)) {
                second = owner;
                secondSim = sim;
            }
        }
    }

    private void removeRows(UUID userId) {
        var rows = rowsByUser.remove(userId);
        if (rows == null) {
            return;
        }
        // Remove from the highest row down, moving the last row into each hole to keep the array dense.
        var sorted = rows.stream().sorted((a, b) -> b - a).toList();
        for (int row : sorted) {
            int last = size - 1;
            if (row != last) {
                System.arraycopy(vectors, last * dimension, vectors, row * dimension, dimension);
                owners[row] = owners[last];
                var moved = rowsByUser.get(owners[row]);
                moved.set(moved.indexOf(last), row);
            }
            owners[last] = null;
            size--;
        }
    }

    private void ensureCapacity(int rows) {
        if (rows <= owners.length) {
            return;
        }
        int capacity = Math.max(rows, Math.max(16, owners.length * 2));
        vectors = Arrays.copyOf(vectors, capacity * dimension);
        owners = Arrays.copyOf(owners, capacity);
    }
}
