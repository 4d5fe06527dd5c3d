//! Provides [`Tree`]: the arena html5ever builds a page into (through [`Sink`], our
//! `TreeSink`), holding element names, the few attributes the DOM path reads, and text.
//!
//! Nodes live in one `Vec` and point at each other by index, so a page is a handful of
//! allocations and the tree is dropped at once. Attributes the extractor never reads (`src`,
//! most `data-*`, event handlers …) are not kept.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, QualName, local_name, ns, parse_document};

/// A node's index in [`Tree::nodes`].
pub(crate) type NodeId = u32;
/// No node: the end of a sibling chain, the parent of the document.
pub(crate) const NONE: NodeId = u32::MAX;
/// The document node.
pub(crate) const DOCUMENT: NodeId = 0;

/// One node and its links.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev: NodeId,
    pub next: NodeId,
    pub data: Data,
}

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    Document,
    Element(Box<Element>),
    Text(StrTendril),
    /// A comment, a doctype or a processing instruction: never text.
    Other,
}

/// An element: its name and the attributes the DOM path reads.
#[derive(Debug)]
pub(crate) struct Element {
    pub name: QualName,
    pub attrs: Vec<(LocalName, StrTendril)>,
    template_contents: NodeId,
    mathml_annotation_xml_integration_point: bool,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &LocalName) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| &**v)
    }

    /// The value of attribute `name`, named as a rule file names it.
    pub fn attr_str(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| str::eq_ignore_ascii_case(n, name)).map(|(_, v)| &**v)
    }

    /// The element's local name in the HTML namespace; SVG and MathML elements are not HTML.
    pub fn html_name(&self) -> Option<&LocalName> {
        (self.name.ns == ns!(html)).then_some(&self.name.local)
    }
}

/// Whether the DOM path reads an attribute named `name` (in any ASCII case): one it reads on
/// every page, or one of `extra` (lowercase: those a rule's selectors test).
pub(crate) fn reads_attribute(name: &[u8], extra: &[String]) -> bool {
    let mut lower = [0u8; 13];
    let read = lower.get_mut(..name.len()).is_some_and(|l| {
        l.copy_from_slice(name);
        l.make_ascii_lowercase();
        matches!(
            &*l,
            b"class"
                | b"id"
                | b"role"
                | b"itemprop"
                | b"itemtype"
                | b"hidden"
                | b"aria-hidden"
                | b"aria-modal"
                | b"style"
                | b"href"
                | b"type"
                | b"property"
                | b"name"
                | b"content"
                | b"lang"
                | b"open"
                | b"rel"
                | b"data-role"
                | b"data-cfemail"
                | b"component"
                | b"aria-expanded"
                | b"aria-controls"
                | b"popover"
        )
    });
    read || extra.iter().any(|e| e.as_bytes().eq_ignore_ascii_case(name))
}

/// Whether an attribute is one the DOM path reads.
fn kept(name: &LocalName, extra: &[String]) -> bool {
    reads_attribute(name.as_bytes(), extra)
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    /// Parses a whole document, keeping the attributes of [`reads_attribute`].
    #[cfg(test)]
    pub fn parse(input: &str) -> Tree {
        Tree::parse_reading(input, &[])
    }

    /// Parses a whole document, keeping the attributes of [`reads_attribute`] and of `extra`
    /// (lowercase names).
    pub fn parse_reading(input: &str, extra: &[String]) -> Tree {
        let sink = Sink {
            nodes: RefCell::new(vec![Node::new(Data::Document)]),
            quirks: Cell::new(false),
            extra: extra.to_vec(),
        };
        // Scripting off: `<noscript>` holds markup (some sites put the whole page there).
        let mut opts = html5ever::ParseOpts::default();
        opts.tree_builder.scripting_enabled = false;
        parse_document(sink, opts).one(StrTendril::from(input))
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id)?.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The children of `id`, in order.
    /// Whether `ancestor` is `id` or one of its ancestors.
    pub fn is_within(&self, id: NodeId, ancestor: NodeId) -> bool {
        let mut at = id;
        while let Some(n) = self.node(at) {
            if at == ancestor {
                return true;
            }
            at = n.parent;
        }
        false
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { tree: self, next: self.node(id).map_or(NONE, |n| n.first_child) }
    }

    /// `id` and every node under it, in document order.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants { tree: self, root: id, next: id }
    }

    /// Unlinks `id` (and what is under it) from the tree.
    pub fn detach(&mut self, id: NodeId) {
        Sink::detach(&mut self.nodes, id);
    }

    /// Moves `child` (and what is under it) to right before `sibling`.
    pub fn move_before(&mut self, child: NodeId, sibling: NodeId) {
        Sink::insert_before(&mut self.nodes, sibling, child);
    }

    /// The first element named `name` in document order under `from`.
    pub fn find(&self, from: NodeId, name: &LocalName) -> Option<NodeId> {
        self.descendants(from).find(|&id| self.element(id).and_then(Element::html_name) == Some(name))
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    tree: &'a Tree,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next;
        self.next = self.tree.node(id)?.next;
        Some(id)
    }
}

/// Iterator over a subtree in document order (no recursion: pages nest thousands deep).
pub(crate) struct Descendants<'a> {
    tree: &'a Tree,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next;
        let node = self.tree.node(id)?;
        self.next = if node.first_child != NONE {
            node.first_child
        } else {
            // Up until a node with a next sibling, not past the root.
            let mut at = id;
            loop {
                if at == self.root {
                    break NONE;
                }
                let Some(n) = self.tree.node(at) else { break NONE };
                if n.next != NONE {
                    break n.next;
                }
                at = n.parent;
            }
        };
        Some(id)
    }
}

impl Node {
    fn new(data: Data) -> Node {
        Node { parent: NONE, first_child: NONE, last_child: NONE, prev: NONE, next: NONE, data }
    }
}

/// The `TreeSink` html5ever builds into.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    quirks: Cell<bool>,
    /// Attributes kept besides those read on every page: those the rules' selectors test.
    extra: Vec<String>,
}

impl Sink {
    fn push(&self, data: Data) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        // A page of four billion nodes does not fit in memory first.
        NodeId::try_from(nodes.len() - 1).unwrap_or(NONE)
    }

    /// Unlinks `id` from its parent and siblings.
    fn detach(nodes: &mut [Node], id: NodeId) {
        let Some(n) = nodes.get_mut(id as usize) else { return };
        let (parent, prev, next) = (n.parent, n.prev, n.next);
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
        if let Some(p) = nodes.get_mut(prev as usize) {
            p.next = next;
        } else if let Some(p) = nodes.get_mut(parent as usize) {
            p.first_child = next;
        }
        if let Some(nx) = nodes.get_mut(next as usize) {
            nx.prev = prev;
        } else if let Some(p) = nodes.get_mut(parent as usize) {
            p.last_child = prev;
        }
    }

    fn append_node(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Sink::detach(nodes, child);
        let last = nodes.get(parent as usize).map_or(NONE, |p| p.last_child);
        if let Some(c) = nodes.get_mut(child as usize) {
            c.parent = parent;
            c.prev = last;
        }
        if let Some(l) = nodes.get_mut(last as usize) {
            l.next = child;
        }
        if let Some(p) = nodes.get_mut(parent as usize) {
            if p.first_child == NONE {
                p.first_child = child;
            }
            p.last_child = child;
        }
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Sink::detach(nodes, child);
        let Some(s) = nodes.get(sibling as usize) else { return };
        let (parent, prev) = (s.parent, s.prev);
        if let Some(c) = nodes.get_mut(child as usize) {
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        if let Some(s) = nodes.get_mut(sibling as usize) {
            s.prev = child;
        }
        if let Some(p) = nodes.get_mut(prev as usize) {
            p.next = child;
        } else if let Some(p) = nodes.get_mut(parent as usize) {
            p.first_child = child;
        }
    }

    /// Text goes into the text node before the insertion point when there is one.
    fn text_or_node(&self, child: NodeOrText<NodeId>, previous: NodeId) -> Option<NodeId> {
        match child {
            NodeOrText::AppendNode(id) => Some(id),
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                if let Some(Node { data: Data::Text(t), .. }) = nodes.get_mut(previous as usize) {
                    t.push_tendril(&text);
                    return None;
                }
                drop(nodes);
                Some(self.push(Data::Text(text)))
            }
        }
    }
}

/// An element's name as html5ever asks for it; a node that is not an element has none
/// (html5ever asks only about elements).
static NO_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, ns!(), local_name!("")));

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Tree {
        Tree { nodes: self.nodes.into_inner() }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match nodes.get(*target as usize).map(|n| &n.data) {
            Some(Data::Element(e)) => &e.name,
            _ => &NO_NAME,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let template_contents = if flags.template { self.push(Data::Document) } else { NONE };
        let attrs = attrs.into_iter().filter(|a| a.name.ns == ns!() && kept(&a.name.local, &self.extra));
        let attrs = attrs.map(|a| (a.name.local, a.value)).collect();
        self.push(Data::Element(Box::new(Element {
            name,
            attrs,
            template_contents,
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        })))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let last = self.nodes.borrow().get(*parent as usize).map_or(NONE, |p| p.last_child);
        if let Some(id) = self.text_or_node(child, last) {
            Sink::append_node(&mut self.nodes.borrow_mut(), *parent, id);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow().get(*element as usize).is_some_and(|n| n.parent != NONE);
        if has_parent { self.append_before_sibling(element, child) } else { self.append(prev_element, child) }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        let id = self.push(Data::Other);
        Sink::append_node(&mut self.nodes.borrow_mut(), DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        match self.nodes.borrow().get(*target as usize).map(|n| &n.data) {
            Some(Data::Element(e)) => e.template_contents,
            _ => NONE,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode == QuirksMode::Quirks);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let prev = self.nodes.borrow().get(*sibling as usize).map_or(NONE, |s| s.prev);
        if let Some(id) = self.text_or_node(new_node, prev) {
            Sink::insert_before(&mut self.nodes.borrow_mut(), *sibling, id);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node { data: Data::Element(e), .. }) = nodes.get_mut(*target as usize) {
            for a in attrs {
                if a.name.ns == ns!() && kept(&a.name.local, &self.extra) && e.attr(&a.name.local).is_none() {
                    e.attrs.push((a.name.local, a.value));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Sink::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes.get(*node as usize).map_or(NONE, |n| n.first_child);
        while child != NONE {
            let next = nodes.get(child as usize).map_or(NONE, |n| n.next);
            Sink::append_node(&mut nodes, *new_parent, child);
            child = next;
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        match self.nodes.borrow().get(*handle as usize).map(|n| &n.data) {
            Some(Data::Element(e)) => e.mathml_annotation_xml_integration_point,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(tree: &Tree, id: NodeId) -> String {
        tree.descendants(id)
            .filter_map(|n| match &tree.node(n)?.data {
                Data::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn builds_the_tree_a_browser_builds() {
        // The `<p>` is closed by the `<div>`; the table's stray text is moved before it.
        let tree = Tree::parse("<p>one<div>two</div><table>lost<tr><td>cell</td></tr></table>");
        let body = tree.find(DOCUMENT, &local_name!("body")).unwrap();
        let names: Vec<String> =
            tree.children(body).filter_map(|c| Some(tree.element(c)?.name.local.to_string())).collect();
        assert_eq!(names, ["p", "div", "table"]);
        assert_eq!(text_of(&tree, body), "onetwolostcell");
        let first_text =
            tree.descendants(body).find(|&n| matches!(tree.node(n).unwrap().data, Data::Text(_)));
        assert_eq!(text_of(&tree, first_text.unwrap()), "one");
    }

    #[test]
    fn keeps_only_the_attributes_read() {
        let tree = Tree::parse(r#"<div class="a b" data-x="1" onclick="f()" id=main>x</div>"#);
        let div = tree.find(DOCUMENT, &local_name!("div")).unwrap();
        let e = tree.element(div).unwrap();
        assert_eq!(e.attr(&local_name!("class")), Some("a b"));
        assert_eq!(e.attr(&local_name!("id")), Some("main"));
        assert_eq!(e.attrs.len(), 2);
    }

    #[test]
    fn deep_nesting_needs_no_recursion() {
        let html = "<div>".repeat(5_000) + "deep";
        let tree = Tree::parse(&html);
        assert_eq!(text_of(&tree, DOCUMENT), "deep");
    }
}
