/// The CUDA source of attention over the hybrid cache, for one KV head and
/// its group of query heads: the same segments and visibility as the CPU's
/// `KeySpans` (a retrieval head's causal rows, a sliding window's last
/// `window` rows, a streaming head's sink and ring seen by every query
/// followed by the chunk, causal). Flash style: one warp per (query row,
/// query head) runs an online softmax over the visible keys, so no score
/// matrix of chunk × context is ever held.
enum CUDAAttentionSource {
    static let kernels = ["attend_span"]

    static let source = #"""
    typedef unsigned short u16;

    __device__ __forceinline__ float h2f(u16 bits) {
        float f;
        asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(bits));
        return f;
    }

    struct Segment { const u16* keys; const u16* values; int count, base, window; };

    // Query row r sees rows [start, end) of a segment: end = min(count, base + r + 1),
    // start = base + r + 1 - window (0 without a window, `window` <= 0).
    __device__ __forceinline__ void visible(const Segment& s, int r, int* start, int* end) {
        int e = min(s.count, s.base + r + 1);
        *end = e;
        *start = s.window > 0 ? max(0, s.base + r + 1 - s.window) : 0;
    }

    // q: [rows][qStride] f32 (head h at h * headDim); out alike. The query
    // heads firstHead + blockIdx.y share the segments' KV head. headDim <= 256.
    extern "C" __global__ void attend_span(const float* q, float* out, int qStride, int firstHead, int headDim, float scale,
                                           const u16* k0, const u16* v0, int count0, int base0, int window0,
                                           const u16* k1, const u16* v1, int count1, int base1, int window1) {
        int r = blockIdx.x, h = firstHead + blockIdx.y, lane = threadIdx.x;
        const float* query = q + (size_t)r * qStride + (size_t)h * headDim;
        float qv[8], acc[8];
        int dims = (headDim + 31) / 32;
        for (int i = 0; i < 8; i++) { int d = lane + 32 * i; qv[i] = (i < dims && d < headDim) ? query[d] * scale : 0.f; acc[i] = 0.f; }
        float m = __int_as_float(0xff800000), l = 0.f;  // -inf
        Segment segments[2] = {{k0, v0, count0, base0, window0}, {k1, v1, count1, base1, window1}};
        for (int s = 0; s < 2; s++) {
            const Segment& seg = segments[s];
            if (seg.count <= 0) continue;
            int start, end;
            visible(seg, r, &start, &end);
            for (int j = start; j < end; j++) {
                const u16* key = seg.keys + (size_t)j * headDim;
                float dot = 0.f;
                for (int i = 0; i < dims; i++) { int d = lane + 32 * i; if (d < headDim) dot += qv[i] * h2f(key[d]); }
                for (int o = 16; o > 0; o >>= 1) dot += __shfl_xor_sync(0xffffffffu, dot, o);
                float mNew = fmaxf(m, dot), correction = __expf(m - mNew), p = __expf(dot - mNew);
                const u16* value = seg.values + (size_t)j * headDim;
                for (int i = 0; i < dims; i++) {
                    int d = lane + 32 * i;
                    acc[i] = acc[i] * correction + (d < headDim ? p * h2f(value[d]) : 0.f);
                }
                l = l * correction + p;
                m = mNew;
            }
        }
        float* o = out + (size_t)r * qStride + (size_t)h * headDim;
        for (int i = 0; i < dims; i++) { int d = lane + 32 * i; if (d < headDim) o[d] = l > 0.f ? acc[i] / l : 0.f; }
    }
    """#
}
