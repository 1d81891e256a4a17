import Foundation

/// Rotary position embedding applied in place to head vectors.
enum Rope {
    /// Rotates each of `heads` vectors of `headDim` in `x` (contiguous) to
    /// absolute `position`. `neox` pairs `(i, i + d/2)`, otherwise `(2i, 2i+1)`;
    /// only the first `2 * frequencies.count` dimensions rotate.
    @inline(__always)
    static func apply(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, position: Int,
                      frequencies: UnsafePointer<Float>, pairs: Int, neox: Bool,
                      cosSin: UnsafeMutablePointer<Float>) {
        let p = Float(position)
        for i in 0..<pairs {
            let theta = p * frequencies[i]
            cosSin[2 * i] = cos(theta)
            cosSin[2 * i + 1] = sin(theta)
        }
        for h in 0..<heads {
            let v = x + h * headDim
            for i in 0..<pairs {
                let c = cosSin[2 * i], s = cosSin[2 * i + 1]
                let (a, b) = neox ? (i, i + pairs) : (2 * i, 2 * i + 1)
                let x0 = v[a], x1 = v[b]
                v[a] = x0 * c - x1 * s
                v[b] = x0 * s + x1 * c
            }
        }
    }
}
