import GGUF

/// CUDA C++ sources of the backend's kernels, compiled at run time by NVRTC
/// (`KernelCache`). Each kernel mirrors a CPU operation of the same name:
/// RMS norm, residual add, SwiGLU/GeGLU, RoPE (normal and NeoX pairing),
/// and `Y = X Wᵀ` over GGUF weight rows read in their stored block format.
enum CUDAKernelSource {
    /// The kernels `elementwise` defines.
    static let elementwiseKernels = ["rms_norm", "add_into", "add_bias", "swiglu", "geglu", "rope"]

    static let elementwise = #"""
    extern "C" __global__ void rms_norm(const float* x, const float* w, float* y, int width, float eps) {
        const float* row = x + (size_t)blockIdx.x * width;
        float* out = y + (size_t)blockIdx.x * width;
        __shared__ float partial[32];
        float sum = 0.f;
        for (int i = threadIdx.x; i < width; i += blockDim.x) sum += row[i] * row[i];
        for (int o = 16; o > 0; o >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, o);
        if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = sum;
        __syncthreads();
        if (threadIdx.x < 32) {
            sum = threadIdx.x < (blockDim.x >> 5) ? partial[threadIdx.x] : 0.f;
            for (int o = 16; o > 0; o >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, o);
            if (threadIdx.x == 0) partial[0] = sum;
        }
        __syncthreads();
        float scale = rsqrtf(partial[0] / width + eps);
        for (int i = threadIdx.x; i < width; i += blockDim.x) out[i] = row[i] * scale * w[i];
    }

    extern "C" __global__ void add_into(float* y, const float* x, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) y[i] += x[i];
    }

    // y: rows of `width`; every row gets b.
    extern "C" __global__ void add_bias(float* y, const float* b, int width, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) y[i] += b[i % width];
    }

    extern "C" __global__ void swiglu(float* gate, const float* up, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) { float g = gate[i]; gate[i] = g / (1.f + expf(-g)) * up[i]; }
    }

    extern "C" __global__ void geglu(float* gate, const float* up, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) {
            float g = gate[i];
            gate[i] = 0.5f * g * (1.f + tanhf(0.7978845608f * (g + 0.044715f * g * g * g))) * up[i];
        }
    }

    // x: rows of `heads * headDim`; row r is at position start + r. Pair p of a
    // head rotates by position * freqs[p]: elements (2p, 2p+1), or (p, p + pairs) for NeoX.
    extern "C" __global__ void rope(float* x, int rows, int heads, int headDim, int start, const float* freqs,
                                    int pairs, int neox) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i >= rows * heads * pairs) return;
        int p = i % pairs, h = (i / pairs) % heads, r = i / (pairs * heads);
        float* head = x + ((size_t)r * heads + h) * headDim;
        float angle = (float)(start + r) * freqs[p], c, s;
        sincosf(angle, &s, &c);
        int a = neox ? p : 2 * p, b = neox ? p + pairs : 2 * p + 1;
        float x0 = head[a], x1 = head[b];
        head[a] = x0 * c - x1 * s;
        head[b] = x0 * s + x1 * c;
    }
    """#

    /// The weight types `matmul` has a kernel for, `matmul_<type>`.
    static let matmulTypes: [GGMLType] = [.f32, .f16, .q4_0, .q4_1, .q5_0, .q8_0, .q4_K, .q6_K]
    static let matmulKernels = matmulTypes.map { "matmul_\($0)" }

    /// `y[t][r] = Σ_e W[r][e] · x[t][e]`: one warp per (row, token), each lane
    /// reading every 32nd element of the row in its block format.
    static let matmul = #"""
    typedef unsigned char u8;
    typedef signed char i8;

    __device__ __forceinline__ float half_at(const u8* p) {
        unsigned short bits = (unsigned short)p[0] | ((unsigned short)p[1] << 8);
        float f;
        asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(bits));
        return f;
    }

    __device__ __forceinline__ float w_f32(const u8* row, int e) { return ((const float*)row)[e]; }
    __device__ __forceinline__ float w_f16(const u8* row, int e) { return half_at(row + 2 * e); }

    __device__ __forceinline__ float w_q4_0(const u8* row, int e) {
        const u8* b = row + (e / 32) * 18; int j = e % 32;
        int q = j < 16 ? (b[2 + j] & 15) : (b[2 + j - 16] >> 4);
        return (q - 8) * half_at(b);
    }

    __device__ __forceinline__ float w_q4_1(const u8* row, int e) {
        const u8* b = row + (e / 32) * 20; int j = e % 32;
        int q = j < 16 ? (b[4 + j] & 15) : (b[4 + j - 16] >> 4);
        return q * half_at(b) + half_at(b + 2);
    }

    __device__ __forceinline__ float w_q5_0(const u8* row, int e) {
        const u8* b = row + (e / 32) * 22; int j = e % 32;
        unsigned qh = (unsigned)b[2] | ((unsigned)b[3] << 8) | ((unsigned)b[4] << 16) | ((unsigned)b[5] << 24);
        int low = j < 16 ? (b[6 + j] & 15) : (b[6 + j - 16] >> 4);
        int high = (qh >> j) & 1;
        return ((low | (high << 4)) - 16) * half_at(b);
    }

    __device__ __forceinline__ float w_q8_0(const u8* row, int e) {
        const u8* b = row + (e / 32) * 34;
        return (float)(i8)b[2 + e % 32] * half_at(b);
    }

    // Q4_K: 256 elements in 144 bytes: d, dmin (f16), 12 bytes of 6-bit scales
    // and mins for 8 sub-blocks of 32, then 128 bytes of nibbles (64 elements per 32 bytes).
    __device__ __forceinline__ float w_q4_K(const u8* row, int e) {
        const u8* b = row + (e / 256) * 144; int j = e % 256, sub = j / 32;
        const u8* s = b + 4;
        int sc, m;
        if (sub < 4) { sc = s[sub] & 63; m = s[sub + 4] & 63; }
        else { sc = (s[sub + 4] & 15) | ((s[sub - 4] >> 6) << 4); m = (s[sub + 4] >> 4) | ((s[sub] >> 6) << 4); }
        const u8* q = b + 16 + (sub / 2) * 32;
        int v = (sub & 1) ? (q[j % 32] >> 4) : (q[j % 32] & 15);
        return half_at(b) * sc * v - half_at(b + 2) * m;
    }

    // Q6_K: 256 elements in 210 bytes: 128 bytes low nibbles, 64 bytes high
    // 2-bit pairs, 16 int8 scales, d (f16).
    __device__ __forceinline__ float w_q6_K(const u8* row, int e) {
        const u8* b = row + (e / 256) * 210; int j = e % 256;
        int half = j / 128, l = j % 128, quarter = l / 32, k = l % 32;
        const u8* ql = b + half * 64; const u8* qh = b + 128 + half * 32; const i8* sc = (const i8*)(b + 192) + half * 8;
        int low = (quarter & 1) ? ql[k + 32] : ql[k];
        low = quarter >= 2 ? (low >> 4) : (low & 15);
        int high = (qh[k] >> (2 * quarter)) & 3;
        return half_at(b + 208) * sc[k / 16 + 2 * quarter] * ((low | (high << 4)) - 32);
    }

    #define MATMUL(TYPE)                                                                                   \
    extern "C" __global__ void matmul_##TYPE(const u8* w, size_t rowBytes, const float* x, float* y,      \
                                             int rows, int cols, int count, int outStride) {               \
        int r = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32, t = blockIdx.y, lane = threadIdx.x & 31; \
        if (r >= rows || t >= count) return;                                                              \
        const u8* row = w + (size_t)r * rowBytes; const float* v = x + (size_t)t * cols;                   \
        float sum = 0.f;                                                                                  \
        for (int e = lane; e < cols; e += 32) sum += w_##TYPE(row, e) * v[e];                            \
        for (int o = 16; o > 0; o >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, o);                    \
        if (lane == 0) y[(size_t)t * outStride + r] = sum;                                                \
    }
    MATMUL(f32) MATMUL(f16) MATMUL(q4_0) MATMUL(q4_1) MATMUL(q5_0) MATMUL(q8_0) MATMUL(q4_K) MATMUL(q6_K)
    """#
}
