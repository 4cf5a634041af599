export function Greeting({ name }: { name: string }) {
  return (
    <p title="Say hello" className="greeting">
      Hello {name}
    </p>
  );
}
