import Foundation
import CLibXML2

/// A parsed libxml2 document; frees the tree when released.
final class XMLTree {
    let doc: xmlDocPtr
    init(_ doc: xmlDocPtr) { self.doc = doc }
    deinit { xmlFreeDoc(doc) }

    var root: XMLNode? { xmlDocGetRootElement(doc).map { XMLNode(ptr: $0, owner: self) } }
}

/// A view of one libxml2 node. It keeps its `XMLTree` alive, so a node is
/// never left pointing into a freed document.
struct XMLNode {
    let ptr: xmlNodePtr
    let owner: XMLTree

    var isElement: Bool { ptr.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { ptr.pointee.type == XML_TEXT_NODE || ptr.pointee.type == XML_CDATA_SECTION_NODE }
    var isEntityRef: Bool { ptr.pointee.type == XML_ENTITY_REF_NODE }

    /// Local name as written (the HTML parser lower-cases HTML tags; XML
    /// vocabularies are compared in their own case, e.g. DOCX `pPr`).
    var name: String { ptr.pointee.name.map { String(cString: $0) } ?? "" }

    /// Namespace URI of the element, if any.
    var namespace: String? { ptr.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// Line of the node in its source (1-based; 0 when unknown).
    var line: Int { Int(xmlGetLineNo(ptr)) }

    /// The text of a text node (not of its descendants).
    var textValue: String { ptr.pointee.content.map { String(cString: $0) } ?? "" }

    var children: XMLChildren { XMLChildren(first: ptr.pointee.children, owner: owner) }

    var parent: XMLNode? { ptr.pointee.parent.map { XMLNode(ptr: $0, owner: owner) } }

    var elementChildren: [XMLNode] { children.filter(\.isElement) }

    func child(_ name: String) -> XMLNode? { children.first { $0.isElement && $0.name == name } }

    func childElements(_ name: String) -> [XMLNode] { children.filter { $0.isElement && $0.name == name } }

    /// All descendant elements with the given local name, in document order.
    func descendants(_ name: String, limit: Int = 1_000_000) -> [XMLNode] {
        var out: [XMLNode] = []
        func visit(_ n: XMLNode, _ depth: Int) {
            guard depth < 512, out.count < limit else { return }
            for c in n.children where c.isElement {
                if c.name == name { out.append(c) }
                visit(c, depth + 1)
            }
        }
        visit(self, 0)
        return out
    }

    /// Attribute by local name, ignoring its namespace; `prefix` also
    /// matches HTML-parser attributes named literally "prefix:name".
    func attr(_ name: String, prefix: String? = nil) -> String? {
        var a = ptr.pointee.properties
        while let p = a {
            let attrName = p.pointee.name.map { String(cString: $0) } ?? ""
            let nsPrefix = p.pointee.ns?.pointee.prefix.map { String(cString: $0) }
            let matches: Bool
            if let prefix {
                matches = (attrName == name && nsPrefix == prefix) || attrName == "\(prefix):\(name)"
            } else {
                matches = attrName == name
            }
            if matches {
                guard let value = xmlNodeGetContent(UnsafeMutableRawPointer(p).assumingMemoryBound(to: xmlNode.self))
                else { return "" }
                defer { free(value) }
                return String(cString: value)
            }
            a = p.pointee.next
        }
        return nil
    }

    /// Concatenated text of all descendant text nodes.
    var textContent: String {
        guard let c = xmlNodeGetContent(ptr) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }
}

/// Iterates a node's children without building an array.
struct XMLChildren: Sequence {
    let first: xmlNodePtr?
    let owner: XMLTree
    func makeIterator() -> AnyIterator<XMLNode> {
        var current = first
        return AnyIterator {
            guard let c = current else { return nil }
            current = c.pointee.next
            return XMLNode(ptr: c, owner: owner)
        }
    }
}
