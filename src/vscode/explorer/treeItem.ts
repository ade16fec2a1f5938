import * as vscode from 'vscode';
import type { NodeDescriptor } from './model/types';

const COLLAPSIBLE: Record<NodeDescriptor['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/** A plain node description as a TreeItem; `busy` overlays a spinner and a temporary description. */
export function toTreeItem(node: NodeDescriptor, busy?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, COLLAPSIBLE[node.collapsible]);
  item.id = node.id;
  item.contextValue = node.contextValue;
  item.description = busy ? `${busy}…` : node.description;
  if (node.tooltip) {
    const md = new vscode.MarkdownString(node.tooltip, true);
    md.supportThemeIcons = true;
    item.tooltip = md;
  }
  if (busy) item.iconPath = new vscode.ThemeIcon('loading~spin');
  else if (node.icon)
    item.iconPath = new vscode.ThemeIcon(
      node.icon.id,
      node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
    );
  if (node.command)
    item.command = {
      command: node.command.command,
      title: node.command.title,
      arguments: [...(node.command.args ?? [])],
    };
  return item;
}
