import GGUF

/// Reads named tensors of a GGUF file as typed weights, checking shapes.
struct WeightLoader {
    let file: GGUFFile

    func info(_ name: String) throws -> GGUFTensorInfo {
        guard let info = file.tensors[name] else { throw ModelError.missingTensor(name) }
        return info
    }

    func has(_ name: String) -> Bool { file.tensors[name] != nil }

    /// A matrix of `rows` outputs × `cols` inputs (GGUF shape `[cols, rows]`).
    func matrix(_ name: String, rows: Int, cols: Int) throws -> WeightMatrix {
        let t = try info(name)
        guard t.shape == [cols, rows] else { throw ModelError.badTensorShape(name: name, expected: [cols, rows], found: t.shape) }
        guard t.type.canDequantize else { throw ModelError.unsupportedTensorType(name: name, type: t.type) }
        return WeightMatrix(name: name, type: t.type, rows: rows, cols: cols, data: file.data(of: t).baseAddress!)
    }

    /// Matrices stacked in one tensor (fused q/k/v or gate/up): consecutive
    /// blocks of `rows` output rows, each a view into the same data.
    func fused(_ name: String, rows: [Int], cols: Int) throws -> [WeightMatrix] {
        let whole = try matrix(name, rows: rows.reduce(0, +), cols: cols)
        var first = 0
        return rows.map { n in
            defer { first += n }
            return whole.rows(first..<(first + n))
        }
    }

    /// A vector of `count` values, converted to f32.
    func vector(_ name: String, count: Int) throws -> [Float] {
        let t = try info(name)
        guard t.elementCount == count, t.shape.count == 1 else {
            throw ModelError.badTensorShape(name: name, expected: [count], found: t.shape)
        }
        guard t.type.canDequantize else { throw ModelError.unsupportedTensorType(name: name, type: t.type) }
        return [Float](unsafeUninitializedCapacity: count) { buf, n in
            Dequantize.row(t.type, from: file.data(of: t).baseAddress!, to: buf.baseAddress!, count: count)
            n = count
        }
    }
}
