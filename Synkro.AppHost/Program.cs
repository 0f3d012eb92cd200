Console.WriteLine(new Projects.Synkro_Inventory().TargetPath);
