import { Camera, Heart, ShoppingCart } from "lucide-react";

export default function LucideIcons({ size }) {
  return (
    <p>
      <Camera size={size} />
      <Heart color="red" strokeWidth={1.5} />
      <ShoppingCart aria-label="cart" className="icon" />
    </p>
  );
}
